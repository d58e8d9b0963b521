# faynoSync, as release-bot (FAYNOSYNC_ENDPOINT and FAYNOSYNC_TOKEN): a team
# user who may upload two apps and edit the stable channel.

locals {
  faynosync_app_desktop    = "64f1c2a9e4b0d51a2c3e4f50"
  faynosync_channel_stable = "64f1c2b0e4b0d51a2c3e4f60"
}

data "whoami_faynosync_current_user" "me" {}

data "whoami_faynosync_current_privileges" "me" {
  required = [
    "apps:upload:${local.faynosync_app_desktop}",      # allowed, but the owner is not checked: unknown
    "channels:edit:${local.faynosync_channel_stable}", # likewise
    "apps:create",                                     # its create flag is off: missing
  ]
}

output "faynosync_user" {
  description = "Who the faynoSync token belongs to."
  value = {
    username = data.whoami_faynosync_current_user.me.username
    owner    = data.whoami_faynosync_current_user.me.owner
  }
}

output "faynosync_missing" {
  description = "The required faynoSync privileges the caller lacks."
  value       = data.whoami_faynosync_current_privileges.me.missing
}

output "faynosync_unknown" {
  description = "The required privileges the provider cannot decide, with the reason."
  value       = { for r in data.whoami_faynosync_current_privileges.me.unknown : r => data.whoami_faynosync_current_privileges.me.reasons[r] }
}
