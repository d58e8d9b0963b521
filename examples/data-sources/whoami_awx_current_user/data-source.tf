data "whoami_awx_current_user" "me" {}

output "awx_user" {
  value = "${data.whoami_awx_current_user.me.username} (id ${data.whoami_awx_current_user.me.id}, superuser: ${data.whoami_awx_current_user.me.is_superuser})"
}
