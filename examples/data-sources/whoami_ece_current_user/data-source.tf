data "whoami_ece_current_user" "me" {}

output "ece_user" {
  value = {
    user_name = data.whoami_ece_current_user.me.user_name
    realm     = data.whoami_ece_current_user.me.security.security_realm.type
    roles     = data.whoami_ece_current_user.me.security.roles
  }
}
