# Sourced by ./test and ./mc: makes sure the Debian packages the tests and tools use are installed.
# memcached is the server every test talks to; the Python clients, libmemcached-tools and nutcracker
# (twemproxy) are the peer clients that key-placement compatibility tests compare against; sasl2-bin gives
# saslpasswd2, which makes the user database of the SASL (memcached -S) test servers.
MEMCACHED2_PACKAGES="memcached libmemcached-tools python3-memcache python3-pylibmc nutcracker openssl sasl2-bin"

ensure_packages() {
    local wanted="${1:-$MEMCACHED2_PACKAGES}" missing=() pkg
    for pkg in $wanted; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "Missing Debian packages: ${missing[*]}" >&2
        echo "Install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
    echo "Installing Debian packages: ${missing[*]}" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
}
