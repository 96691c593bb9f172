# Shared by the end-to-end checks: copies the working tree (tracked and untracked files, no build folders) of the
# repository holding this folder into a new folder.
#
#   copy_working_tree REPOSITORY DESTINATION

copy_working_tree() {
  local repository="$1" destination="$2"
  mkdir -p "$destination"
  (
    cd "$repository"
    if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
      git ls-files -z --cached --others --exclude-standard \
        | while IFS= read -r -d '' file; do [ -f "$file" ] && printf '%s\0' "$file"; done \
        | tar --null -T - -cf - | tar -xf - -C "$destination"
    else
      tar --exclude='./.build*' --exclude='./.git' -cf - . | tar -xf - -C "$destination"
    fi
  )
  find "$destination" -name '.build*' -prune -exec rm -rf {} +
}
