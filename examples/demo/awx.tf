# An Ansible Automation Platform controller, as svc-ci (AAP_HOSTNAME and
# AAP_TOKEN): roles on a few job templates, an inventory and a project.

data "whoami_awx_current_user" "me" {}

data "whoami_awx_current_privileges" "me" {
  required = [
    "job_template:42:execute", # held
    "job_template:43:execute", # admin of template 43 covers execute
    "project:9:admin",         # svc-ci may only update project 9
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
