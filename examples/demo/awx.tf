# An Ansible Automation Platform controller, as svc-ci (AAP_HOSTNAME and
# AAP_TOKEN): roles on a few job templates, an inventory and a project.

data "whoami_awx_current_user" "me" {}

data "whoami_awx_current_privileges" "me" {
  required = [
    "job_template:42:execute", # held
    "job_template:43:execute", # admin of template 43 covers execute
    "project:9:admin",         # not among svc-ci's direct roles: unknown
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
