# Warn, without failing the plan, when the CI user cannot run the deploy
# job template. Role names are lower_snake: "Ad Hoc" is adhoc.
check "awx_deploy_rights" {
  data "whoami_awx_current_privileges" "ci" {
    required = ["job_template:42:execute", "inventory:3:adhoc", "project:9:update"]
  }

  assert {
    condition     = data.whoami_awx_current_privileges.ci.all_granted
    error_message = "The deploy job will fail: missing ${join(", ", data.whoami_awx_current_privileges.ci.missing)}."
  }
}
