#!/usr/bin/env bash
# Makes sure the system packages the chapter needs are present.
#   scripts/prerequisites.sh          fonts for headless plots (enough to run the chapter)
#   scripts/prerequisites.sh --test   also Jupyter, nbconvert, the kernel test suite, Chromium, for the JupyterLab
#                                     tests jupyterlab_server and Node/npm (the app is built from npm), JupyterHub
#                                     (the classroom test; it pins its proxy with npm ci), and jupyter console with
#                                     pexpect (driven through a pseudo-terminal)
# On Debian/Ubuntu it installs what is missing with apt-get (as root, or through sudo);
# elsewhere it says what to install and stops.
set -euo pipefail

packages=(fontconfig fonts-dejavu-core)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(jupyter-notebook jupyter-client python3-jupyter-client python3-nbclient python3-nbformat jupyter-nbconvert
             python3-jupyter-kernel-test chromium chromium-driver python3-selenium python3-jupyterlab-server
             jupyterhub python3-websocket python3-psutil python3-requests jupyter-console python3-pexpect)
  # Node may come from elsewhere (NodeSource ships npm inside its nodejs); Debian's own needs both packages.
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then packages+=(nodejs npm); fi
  # The JDK's sources, from which the kernel's Shift+Tab tooltip takes the Javadoc (Debian's JDK 17 ships without).
  if dpkg-query -W -f='${Status}' openjdk-17-jdk-headless 2>/dev/null | grep -q "install ok installed"; then
    packages+=(openjdk-17-source)
  fi
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "Please install with your package manager: ${missing[*]} (or their equivalents)." >&2
  exit 1
fi
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "Run as root or install: apt-get install ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
echo "Installing system packages: ${missing[*]}"
"${sudo[@]}" apt-get update -q >/dev/null
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q "${missing[@]}" >/dev/null
