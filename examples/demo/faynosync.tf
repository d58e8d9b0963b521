# faynoSync, with admin's fns_ API token "ci-upload" (FAYNOSYNC_ENDPOINT and
# FAYNOSYNC_TOKEN): faynoSync answers /whoami with the admin who owns the
# token, but the token may do nothing but upload to its allowed apps, which
# it cannot read.

locals {
  faynosync_app_desktop    = "6b0e5a77718db44164937d4d"
  faynosync_channel_stable = "6b0e5a78718db44164937d50"
}

data "whoami_faynosync_current_user" "me" {}

data "whoami_faynosync_current_privileges" "me" {
  required = [
    "apps:upload:${local.faynosync_app_desktop}",      # the token's allowed app, which it cannot read: unknown
    "channels:edit:${local.faynosync_channel_stable}", # a token may only upload: missing
    "apps:create",                                     # likewise
  ]
}

output "faynosync_user" {
  description = "Who faynoSync says the token belongs to, and what the credential is."
  value = {
    username        = data.whoami_faynosync_current_user.me.username
    is_admin        = data.whoami_faynosync_current_user.me.is_admin
    credential_kind = data.whoami_faynosync_current_user.me.credential_kind
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
