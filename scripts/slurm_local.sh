#!/usr/bin/env bash
# Starts a one-node Slurm cluster on this machine (munge + slurmctld + slurmd, Debian slurm-wlm)
# for testing `edgesa sweep --slurm`. Run as root. Safe to run again; `stop` shuts it down.
#   scripts/slurm_local.sh        start (prints "slurm ready" when sinfo shows the node idle)
#   scripts/slurm_local.sh stop
set -euo pipefail
CONF_DIR=/etc/slurm
STATE=/var/spool/slurm-edgesa
if [ "${1:-}" = "stop" ]; then
  for p in slurmd slurmctld; do
    [ -f "$STATE/$p.pid" ] && kill "$(cat "$STATE/$p.pid")" 2>/dev/null || true
  done
  [ -f /run/munge/munged.pid ] && kill "$(cat /run/munge/munged.pid)" 2>/dev/null || true
  exit 0
fi
command -v slurmctld >/dev/null || { echo "slurm-wlm is not installed (scripts/setup.sh installs it)" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "run as root" >&2; exit 1; }
HOST=$(hostname -s)
CPUS=$(nproc)
MEM=$(awk '/MemTotal/ {print int($2/1024) - 512}' /proc/meminfo)
mkdir -p "$CONF_DIR" "$STATE/ctld" "$STATE/d" /var/log/slurm /run/munge /var/lib/munge /var/log/munge /etc/munge
# munge: a key and the daemon
if [ ! -s /etc/munge/munge.key ]; then
  dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
fi
chown -R munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge 2>/dev/null || true
chmod 400 /etc/munge/munge.key
if ! timeout 5 munge -n </dev/null >/dev/null 2>&1; then
  runuser -u munge -- /usr/sbin/munged --force
fi
cat > "$CONF_DIR/slurm.conf" <<CONF
# Written by edgesa scripts/slurm_local.sh: a single-node test cluster.
ClusterName=edgesa-local
SlurmctldHost=$HOST
SlurmUser=root
AuthType=auth/munge
StateSaveLocation=$STATE/ctld
SlurmdSpoolDir=$STATE/d
SlurmctldPidFile=$STATE/slurmctld.pid
SlurmdPidFile=$STATE/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
MpiDefault=none
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MaxArraySize=100001
NodeName=$HOST CPUs=$CPUS RealMemory=$MEM State=UNKNOWN
PartitionName=debug Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF
# No cgroup.conf: without it slurmd 22.05 skips cgroups (containers often cannot use them).
# A daemon counts as running when its pid file names a live, non-zombie process.
alive() { [ -f "$1" ] && grep -qE '^State:\s+[RSD]' "/proc/$(cat "$1")/status" 2>/dev/null; }
alive "$STATE/slurmctld.pid" || /usr/sbin/slurmctld
alive "$STATE/slurmd.pid" || /usr/sbin/slurmd
for i in $(seq 1 20); do
  if timeout 5 sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed)'; then echo "slurm ready"; exit 0; fi
  timeout 5 scontrol update NodeName="$HOST" State=RESUME >/dev/null 2>&1 || true
  sleep 1
done
echo "slurm did not come up; see /var/log/slurm/*.log" >&2
sinfo >&2 || true
exit 1
