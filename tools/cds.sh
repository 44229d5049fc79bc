# A class-data archive (AppCDS) of the classes a run loads, for a quicker start; sourced by ./accrue and
# spark/submit. The archive is made once per build and JVM by a training run (its output and the JVM's CDS messages
# discarded), written under a temporary name and renamed only when complete, and used only while its stamp (the
# jar's time, the JVM's path, the archive's size) still holds: a JDK 17 crashes on a truncated archive rather than
# falling back, so a changed or damaged archive is made again rather than handed to it. -Xshare:auto makes the JVM
# itself run without the archive when it does not match. A JVM that makes none is not asked again until it or the
# jar changes. ACCRUE_CDS=off turns archives off.
#
#   cds_options ARCHIVE JAR MESSAGE TRAIN
# sets CDS_OPTIONS to the JVM options that start from ARCHIVE (empty when there is none), first making it when it is
# missing or stale: MESSAGE on stderr, then the function TRAIN is called with the JVM options that write the archive
# as its one argument, and must return 0 when its run succeeded.
cds_options() {
    local jsa="$1" jar="$2" message="$3" train="$4" want tmp errors
    CDS_OPTIONS=""
    [ "${ACCRUE_CDS:-on}" != off ] || return 0
    want="$(stat -c %Y "$jar") $(readlink -f "$(command -v java)")"
    _cds_have() { echo "$want $(stat -c %s "$jsa" 2>/dev/null || echo none)"; }
    if [ ! -f "$jsa.stamp" ] || { [ "$(cat "$jsa.stamp")" != "$(_cds_have)" ] \
            && [ "$(cat "$jsa.stamp")" != "none $want" ]; }; then
        echo "$message" >&2
        rm -f "$jsa" "$jsa.stamp"
        tmp="$jsa.$$.tmp"
        # a JDK 17 can crash now and then while writing the archive (SIGSEGV in
        # SystemDictionaryShared::adjust_lambda_proxy_class_dictionary): a second try, and its crash report kept out
        # of the working folder
        errors="$(mktemp -d)"
        for _ in 1 2; do
            rm -f "$tmp"
            if "$train" "-XX:ArchiveClassesAtExit=$tmp -XX:ErrorFile=$errors/hs_err_%p.log -Xlog:cds=off \
-Xlog:cds+dynamic=off" && [ -s "$tmp" ]; then
                mv -f "$tmp" "$jsa"
                _cds_have > "$jsa.stamp"
                break
            fi
        done
        rm -rf "$errors"
        if [ ! -f "$jsa.stamp" ]; then
            rm -f "$tmp"
            echo "none $want" > "$jsa.stamp" # this JVM makes no archive: do not try again until it or the jar changes
            echo "${message%%:*}: no class-data archive could be made; starting without it" >&2
        fi
    fi
    if [ "$(cat "$jsa.stamp")" = "$(_cds_have)" ]; then
        CDS_OPTIONS="-XX:SharedArchiveFile=$jsa -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off"
    fi
}
