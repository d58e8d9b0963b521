locals {
  org_id  = "a97c1b22-a4e9-411e-9bfd-d8695a0f9e61"
  site_id = "441a1214-6928-442a-8e92-e1d34b8ec6a6" # a site of that org
}

# Fail the plan with your own message. Org templates need Super User (admin)
# on the org; Network Admin (write) manages sites, not org templates. An org
# grant covers the org's sites, and admin covers write.
data "whoami_mist_current_privileges" "netops" {
  required = [
    "org:${local.org_id}:admin",
    "site:${local.site_id}:write",
  ]

  lifecycle {
    postcondition {
      condition     = self.all_granted
      error_message = "The Mist token cannot manage the org's templates (admin) and the site (write); missing: ${join(", ", self.missing)}."
    }
  }
}
