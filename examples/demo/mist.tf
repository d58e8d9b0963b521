# Juniper Mist, as jsnow (MIST_HOST and MIST_API_TOKEN): admin of the Acme
# org, read-only on the Berlin site of another org, and read on the "EMEA orgs"
# org group of the MSP.

locals {
  mist_org_acme     = "a97c1b22-a4e9-411e-9bfd-d8695a0f9e61"
  mist_site_acme_hq = "441a1214-6928-442a-8e92-e1d34b8ec6a6" # a site of Acme
  mist_site_berlin  = "c0ffee00-1234-4abc-8def-0123456789ab" # a site of Beta
  mist_org_cobalt   = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" # another org of the MSP
}

data "whoami_mist_current_user" "me" {}

data "whoami_mist_current_privileges" "me" {
  required = [
    "org:${local.mist_org_acme}:write",      # admin covers write
    "site:${local.mist_site_acme_hq}:write", # the org's admin covers its sites
    "site:${local.mist_site_berlin}:write",  # read does not cover write
    "org:${local.mist_org_cobalt}:read",     # the org group may hold Cobalt: /self does not say
  ]
}

output "mist_user" {
  description = "Who the Mist API token belongs to."
  value = {
    email = data.whoami_mist_current_user.me.email
    privileges = [
      for p in data.whoami_mist_current_user.me.privileges : "${p.role} on ${p.scope} ${p.name}"
    ]
  }
}

output "mist_missing" {
  description = "The required Mist privileges the caller lacks."
  value       = data.whoami_mist_current_privileges.me.missing
}

output "mist_unknown" {
  description = "The required privileges the provider cannot decide, with the reason."
  value       = { for r in data.whoami_mist_current_privileges.me.unknown : r => data.whoami_mist_current_privileges.me.reasons[r] }
}
