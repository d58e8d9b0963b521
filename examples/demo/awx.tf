# An Ansible Automation Platform controller, as svc-ci (AAP_HOSTNAME and
# AAP_TOKEN): roles of its own, a custom role and a team's roles. Each job
# template's user_capabilities decide first, then the roles with AWX's
# implications.

data "whoami_awx_current_user" "me" {}

data "whoami_awx_current_privileges" "me" {
  required = [
    "job_template:42:execute", # user_capabilities.start is true
    "job_template:44:execute", # through the team Deployers
    "job_template:45:execute", # through the custom role definition Deployer
    "inventory:5:use",         # the team's Ad Hoc on inventory 5 includes Use
    "project:9:admin",         # user_capabilities.edit is false: missing
    "project:9:use",           # neither capabilities nor roles tell: unknown
  ]
}

output "awx_user" {
  description = "Who the controller token belongs to."
  value = {
    username     = data.whoami_awx_current_user.me.username
    is_superuser = data.whoami_awx_current_user.me.is_superuser
  }
}

output "awx_missing" {
  description = "The required controller privileges the caller lacks."
  value       = data.whoami_awx_current_privileges.me.missing
}

output "awx_unknown" {
  description = "The required privileges the provider cannot decide, with the reason."
  value       = { for r in data.whoami_awx_current_privileges.me.unknown : r => data.whoami_awx_current_privileges.me.reasons[r] }
}
