#!/usr/bin/env bash
# A single-node Slurm cluster for tests, entirely under one folder: munged, slurmctld and slurmd
# with their keys, state, spool, sockets and logs in DIR, on this host (NodeName = its short name).
#   scripts/slurm-local.sh start DIR   prints `export SLURM_CONF=DIR/slurm.conf` once the node is idle
#   scripts/slurm-local.sh stop DIR    stops the daemons it started
# Needs root (slurmd runs jobs as their users) and Debian's slurm-wlm and munge packages
# (`scripts/slurm-local.sh install` installs them with apt-get). Exits 3 when it cannot start.
set -euo pipefail

cmd="${1:-}"; dir="${2:-}"
case "$cmd" in
install)
    if command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v munged >/dev/null && command -v sbatch >/dev/null; then exit 0; fi
    command -v apt-get >/dev/null || { echo "slurm: no apt-get here to install slurm-wlm and munge" >&2; exit 3; }
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
    echo "slurm: installing slurm-wlm and munge with apt-get"
    $sudo apt-get update -qq || exit 3
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null || exit 3
    exit 0 ;;
start|stop) [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; } ;;
*) echo "usage: $0 install | start DIR | stop DIR" >&2; exit 2 ;;
esac

if [ "$cmd" = stop ]; then
    for p in slurmd slurmctld munged; do
        if [ -f "$dir/$p.pid" ]; then kill "$(cat "$dir/$p.pid")" 2>/dev/null || true; fi
    done
    sleep 1
    for p in slurmd slurmctld munged; do
        if [ -f "$dir/$p.pid" ]; then kill -9 "$(cat "$dir/$p.pid")" 2>/dev/null || true; rm -f "$dir/$p.pid"; fi
    done
    exit 0
fi

[ "$(id -u)" -eq 0 ] || { echo "slurm: a local cluster needs root (slurmd starts jobs as their users)" >&2; exit 3; }
for b in munged mungekey slurmctld slurmd sbatch squeue; do
    command -v "$b" >/dev/null || { echo "slurm: $b is not installed (scripts/slurm-local.sh install)" >&2; exit 3; }
done
dir="$(mkdir -p "$dir" && cd "$dir" && pwd)"
chmod 0700 "$dir"
mkdir -p "$dir/state" "$dir/spool" "$dir/log"
host="$(hostname -s)"
cpus="$(nproc)"
memory=$(( $(awk '/MemTotal/ { print int($2 / 1024) }' /proc/meminfo) * 9 / 10 ))
# Ports away from the defaults (6817/6818), so a test cluster never meets a real one.
port_base=$(( 20000 + ($$ % 20000) ))

rm -f "$dir/munge.key"
mungekey --create --keyfile="$dir/munge.key" 2>/dev/null || dd if=/dev/urandom of="$dir/munge.key" bs=1024 count=1 status=none
chmod 0600 "$dir/munge.key"
munged --force --key-file="$dir/munge.key" --socket="$dir/munge.socket" --pid-file="$dir/munged.pid" \
    --log-file="$dir/log/munged.log" --seed-file="$dir/munged.seed" || { echo "slurm: munged did not start (see $dir/log/munged.log)" >&2; exit 3; }

cat > "$dir/slurm.conf" <<CONF
ClusterName=skeintest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port_base
SlurmdPort=$((port_base + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge.socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/%n
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=1
MinJobAge=600
KillWait=30
InactiveLimit=0
SlurmctldTimeout=30
SlurmdTimeout=30
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$dir/slurm.conf"
slurmctld -i -f "$SLURM_CONF" || { echo "slurm: slurmctld did not start (see $dir/log/slurmctld.log)" >&2; exit 3; }
slurmd -f "$SLURM_CONF" || { echo "slurm: slurmd did not start (see $dir/log/slurmd.log)" >&2; exit 3; }
for _ in $(seq 1 60); do
    state="$(sinfo -h -N -o '%T' 2>/dev/null | head -n 1 || true)"
    case "$state" in idle*) echo "export SLURM_CONF=$SLURM_CONF"; exit 0 ;; esac
    sleep 1
done
echo "slurm: the node did not become idle within 60 s (state: ${state:-none}; logs in $dir/log)" >&2
exit 3
