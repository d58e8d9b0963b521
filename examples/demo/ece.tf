# Elastic Cloud Enterprise, as svc-deployer (EC_ENDPOINT and EC_API_KEY): a
# deployment manager, not a platform admin.

data "whoami_ece_current_user" "me" {}

data "whoami_ece_current_privileges" "me" {
  required = [
    "create-deployment",       # API operation ids, which svc-deployer's
    "update-deployment",       # role allows
    "role:ece_platform_admin", # a role, which it does not hold
  ]
}

output "ece_user" {
  description = "Who the ECE API key belongs to."
  value = {
    user_name = data.whoami_ece_current_user.me.user_name
    roles     = data.whoami_ece_current_user.me.security.roles
  }
}

output "ece_missing" {
  description = "The required ECE privileges the caller lacks."
  value       = data.whoami_ece_current_privileges.me.missing
}

output "ece_unknown" {
  description = "The required privileges the provider cannot decide, with the reason."
  value       = { for r in data.whoami_ece_current_privileges.me.unknown : r => data.whoami_ece_current_privileges.me.reasons[r] }
}
