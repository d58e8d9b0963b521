data "whoami_qumulo_current_user" "me" {}

output "qumulo_user" {
  value = "${data.whoami_qumulo_current_user.me.name} (id ${data.whoami_qumulo_current_user.me.id})"
}
