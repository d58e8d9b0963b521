data "whoami_faynosync_current_user" "me" {}

output "faynosync_user" {
  value = {
    username = data.whoami_faynosync_current_user.me.username
    is_admin = data.whoami_faynosync_current_user.me.is_admin
    # For a team user, the administrator who owns the team; null for an administrator.
    owner = data.whoami_faynosync_current_user.me.owner
    # "login", "jwt" or "api_token": an fns_ API token answers as its administrator.
    credential_kind = data.whoami_faynosync_current_user.me.credential_kind
  }
}
