#!/usr/bin/env bash
# Checks from outside, as a user would, on an installed cetl: CETL=path/to/cetl bash outside_check.sh
set -u
CETL=${CETL:-cetl}
export CETL_HOME=$(mktemp -d) NO_COLOR=1
unset VISUAL EDITOR
ok=0; bad=0
check() { if eval "$2"; then ok=$((ok+1)); echo "ok   $1"; else bad=$((bad+1)); echo "FAIL $1"; fi; }
# 1. a saved-answer failure keeps the text: the database is read-only (query_only is not visible
#    from outside, so use a lock held by another program with a short busy timeout instead)
$CETL reflect 3.r1 --text "first" >/dev/null
python3 - "$CETL_HOME/cetl.db" <<'PY' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None); c.execute("BEGIN EXCLUSIVE"); time.sleep(45)
PY
LOCKER=$!
sleep 1
cat > $CETL_HOME/ed.sh <<'SH'
#!/bin/sh
printf 'An answer I typed for an hour\n' | cat - "$1" > "$1.new" && mv "$1.new" "$1"
SH
chmod +x $CETL_HOME/ed.sh
out=$(EDITOR=$CETL_HOME/ed.sh timeout 60 $CETL reflect 3.r2 2>&1); code=$?
kill $LOCKER 2>/dev/null; wait $LOCKER 2>/dev/null
check "locked database: one line, exit 1" '[ $code -eq 1 ] && echo "$out" | grep -q "Another program is holding"'
check "the answer is kept in a recovery file" 'grep -rq "An answer I typed for an hour" $CETL_HOME/recovery/'
out=$(EDITOR=true $CETL reflect 3.r2 2>&1)
check "and offered next time" 'echo "$out" | grep -q "Starting from the answer cetl kept"'
# 2. SIGHUP while the editor is open keeps a draft
cat > $CETL_HOME/slow.sh <<'SH'
#!/bin/sh
printf 'Typed, saved, then the ssh session dropped\n' | cat - "$1" > "$1.new" && mv "$1.new" "$1"
sleep 30
SH
chmod +x $CETL_HOME/slow.sh
EDITOR=$CETL_HOME/slow.sh script -qec "$CETL reflect 3.r3" /dev/null > $CETL_HOME/hup.log 2>&1 &
sleep 3; pkill -HUP -f "reflect 3.r3" ; sleep 2
out=$($CETL reflect 3.r3 --discard-draft 2>&1)
check "SIGHUP in the editor keeps a draft" 'echo "$out" | grep -q "Draft for 3.r3 discarded"'
# 3. a corrupted database is refused and unchanged byte for byte
$CETL todo done 3.t1 >/dev/null
python3 - "$CETL_HOME/cetl.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); c.execute("PRAGMA wal_checkpoint(TRUNCATE)"); c.close()
data = bytearray(open(sys.argv[1], "rb").read()); page = int.from_bytes(data[16:18], "big")
for i in range(page, len(data)): data[i] = (data[i] * 7 + 13) % 256
open(sys.argv[1], "wb").write(bytes(data))
PY
rm -f $CETL_HOME/cetl.db-wal $CETL_HOME/cetl.db-shm
before=$(sha256sum $CETL_HOME/cetl.db)
for args in "progress" "reflect 3.r1 --text x" "todo done 3.t2"; do
  out=$($CETL $args 2>&1); code=$?
  check "damaged: cetl $args refused" '[ $code -eq 1 ] && echo "$out" | grep -q "damaged" && [ $(echo "$out" | wc -l) -eq 1 ]'
done
check "damaged file unchanged byte for byte" '[ "$before" = "$(sha256sum $CETL_HOME/cetl.db)" ]'
# 4. OSC 52 in a reflection never reaches stdout raw
export CETL_HOME=$(mktemp -d)
$CETL reflect 3.r1 --text $'mine \e]52;c;aGVsbG8=\a end' >/dev/null
check "OSC 52 shown, not obeyed" '! FORCE_COLOR=1 $CETL reflect 3.r1 --history | grep -q $'"'"'\e]52'"'"''
# 5. argument and date cases: one clear line, non-zero exit
n=0
for args in "study module ²" "study module $(printf '9%.0s' {1..5000})" "quiz --seed 99999999999999999999999" \
    "exam --minutes 18446744073709551616" "experience remove 99999999999999999999999" "todo done 3.t99999999" \
    "experience add --role CTO --from 0001-01-01 --domains I" "experience add --role CTO --from 1000-01-01 --domains I" \
    "experience add --role CTO --from 2024-02-30 --domains I" "check-eligibility --since 0001-01-01 --degree bachelor --domains all" \
    "study 3" "todo 2.t3" "help" "--curriculum '' progress"; do
  out=$(eval $CETL $args 2>&1 </dev/null); code=$?
  if [ $code -ne 0 ] && [ $(echo "$out" | wc -l) -eq 1 ] && echo "$out" | grep -q "^cetl: " && ! echo "$out" | grep -q "unexpected"; then n=$((n+1)); else echo "  not one clear line: cetl $args -> $code: ${out:0:200}"; fi
done
check "14 argument and date cases: one clear line each ($n)" '[ $n -eq 14 ]'
echo "$ok passed, $bad failed"
