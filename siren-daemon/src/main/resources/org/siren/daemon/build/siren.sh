# siren's build library. It is sourced before build.sh, and again by the boilerplate line
# ". `dirname $0`/siren" of scripts written for the original tool; the second time it does nothing.
# FROM builds run it inside the new image's container, where $root is /; base builds run it in the
# bootstrap sandbox, where $root is the new layer.
if [ -z "${SIREN_LIB_LOADED:-}" ]; then
SIREN_LIB_LOADED=1
SIREN_REPORT=${SIREN_REPORT:-/run/siren/report}
root=${root:-/}
export root
set -e

# FROM is read by siren before the build starts; at run time it has nothing left to do.
FROM() {
    :
}

# ID NAME [VERSION]: names the image this build makes. May come before or after FROM, and the
# version may be computed: ID app `date +%Y%m%d`.
ID() {
    if [ $# -lt 1 ] || [ -z "$1" ]; then
        echo "siren: ID needs a name: ID NAME [VERSION]" >&2
        return 2
    fi
    printf '%s\n%s\n' "$1" "${2:-}" > "$SIREN_REPORT/id"
}

# RUN [-u USER] COMMAND [ARG...]: runs a command in the image, as root or as USER.
RUN() {
    if [ "${1:-}" = "-u" ]; then
        if [ $# -lt 3 ]; then
            echo "siren: RUN -u needs a user and a command: RUN -u USER COMMAND [ARG...]" >&2
            return 2
        fi
        siren_user=$2
        shift 2
        siren_home=$(getent passwd "$siren_user" | cut -d: -f6) || true
        if [ -z "$siren_home" ]; then
            echo "siren: RUN -u $siren_user: the image has no user $siren_user (add it first: RUN useradd $siren_user)" >&2
            return 2
        fi
        HOME=$siren_home USER=$siren_user LOGNAME=$siren_user \
            setpriv --reuid="$siren_user" --regid="$(id -g "$siren_user")" --init-groups -- "$@"
    else
        "$@"
    fi
}

# ENABLE UNIT...: systemctl enable, inside the image.
ENABLE() {
    if [ $# -lt 1 ]; then
        echo "siren: ENABLE needs a unit: ENABLE nginx" >&2
        return 2
    fi
    systemctl --quiet enable "$@"
}

# SET PATH VALUE...: writes VALUE (the remaining words, joined by spaces) and a newline to PATH in the image.
SET() {
    if [ $# -lt 1 ]; then
        echo "siren: SET needs a path: SET /etc/hostname web" >&2
        return 2
    fi
    siren_path=$root/$1
    shift
    mkdir -p "$(dirname "$siren_path")"
    printf '%s\n' "$*" > "$siren_path"
}

# CMD COMMAND [ARG...]: writes /run.sh, which execs the command.
CMD() {
    if [ $# -lt 1 ]; then
        echo "siren: CMD needs a command: CMD /usr/bin/app --flag" >&2
        return 2
    fi
    siren_cmd="exec"
    for siren_arg in "$@"; do
        siren_cmd="$siren_cmd '$(printf '%s' "$siren_arg" | sed "s/'/'\\\\''/g")'"
    done
    printf '#!/bin/sh\n%s\n' "$siren_cmd" > "$root/run.sh"
    chmod 0755 "$root/run.sh"
}

if [ -n "${BASH_VERSION:-}" ]; then
    siren_line=0
    # Each command of build.sh announces its line once; siren turns that into a step and, when the
    # build fails, into the line it names.
    siren_cmd=
    # Inside a trap bash keeps BASH_COMMAND at the command that ran last and restarts LINENO at 1:
    # that repetition at an earlier line is skipped, so the failing line is what stays recorded.
    trap 'if [ "${BASH_SOURCE:-}" = "$SIREN_SCRIPT" ] && [ "$LINENO" != "$siren_line" ] && ! { [ "$BASH_COMMAND" = "$siren_cmd" ] && [ "$LINENO" -lt "$siren_line" ]; }; then siren_line=$LINENO; siren_cmd=$BASH_COMMAND; printf "\036siren-step %s %s\n" "$SIREN_NONCE" "$LINENO" >&2; fi' DEBUG
fi
trap 'siren_rc=$?; if [ "$siren_rc" -ne 0 ]; then printf "%s\n%s\n" "${siren_line:-0}" "$siren_rc" > "$SIREN_REPORT/failed"; fi' EXIT
fi
