# Sourced by the scripts that run Flowmap in a real X window.
# start_xvfb DIR WxHxD starts Xvfb on a free display number (Xvfb writes the
# one it took to the descriptor it is given), sets xpid and exports DISPLAY.
start_xvfb() {
  local dir=$1 geometry=$2 dnum
  Xvfb -displayfd 3 -screen 0 "$geometry" -nolisten tcp 3>"$dir/display" >"$dir/xvfb.log" 2>&1 &
  xpid=$!
  for _ in $(seq 100); do [ -s "$dir/display" ] && break; sleep 0.1; done
  dnum=$(tr -dc 0-9 <"$dir/display")
  [ -n "$dnum" ] || { echo "Xvfb did not start: $(cat "$dir/xvfb.log")" >&2; return 1; }
  export DISPLAY=:$dnum
}
