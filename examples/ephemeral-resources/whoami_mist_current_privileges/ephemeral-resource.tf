# A message of your own, while applying only; requirements the provider
# cannot decide do not stop the apply. Keep self out of error_message: the
# CLIs refuse to print a message that uses an ephemeral value.
ephemeral "whoami_mist_current_privileges" "org" {
  required = ["org:a97c1b22-a4e9-411e-9bfd-d8695a0f9e61:write"]

  lifecycle {
    postcondition {
      condition     = !terraform.applying || length(self.missing) == 0
      error_message = "The apply token cannot write to the Mist org: see its reasons with a plan."
    }
  }
}

resource "terraform_data" "wlans" {
  input      = "stands for the org's WLAN templates"
  depends_on = [ephemeral.whoami_mist_current_privileges.org]
}
