#!/usr/bin/env bash
# 为一个区县的结算中心制作证书 (make the certificates of one district's central):
#   make-district-certificates.sh <输出目录 output-dir> <主机名或 IP host-or-ip>...
# e.g. make-district-certificates.sh /root/laorenjia-tls central.baodi.example 10.12.0.5
#
# Creates, in the output folder (never inside this repository; created with mode 700):
#   district-ca.pem   the district CA's certificate: give it to every terminal (laorenjia.central.ca)
#   district-ca.key   the district CA's private key: the bureau keeps it OFFLINE (a USB key in a safe), mode 600
#   central.pem       the central's certificate for the given names/IPs (subjectAltName), signed by the district CA
#   central.key       the central's private key (laorenjia.tls.key), mode 600, readable by the service's user only
# When district-ca.pem/.key already exist there, the CA is reused and only a new server certificate is made (the
# yearly renewal: terminals keep trusting the same CA). Keys are ECDSA P-256.
#
# Environment: LAORENJIA_DISTRICT=<name in the certificates> (default "laorenjia district"),
#   LAORENJIA_CA_DAYS (default 3650), LAORENJIA_SERVER_DAYS (default 397: browsers refuse longer server
#   certificates), LAORENJIA_CA_PASSPHRASE: when set, the CA key is written encrypted (AES-256) with it.
set -euo pipefail
umask 077

usage() {
  echo "用法 usage: $0 <输出目录 output-dir> <主机名或 IP host-or-ip>..." >&2
  exit 2
}
[ $# -ge 2 ] || usage
command -v openssl >/dev/null || { echo "需要 openssl (apt-get install openssl)" >&2; exit 1; }

out=$1
shift
district=${LAORENJIA_DISTRICT:-laorenjia district}
ca_days=${LAORENJIA_CA_DAYS:-3650}
server_days=${LAORENJIA_SERVER_DAYS:-397}

repo=$(cd "$(dirname "$0")/../.." && pwd -P)
out=$(realpath -m "$out")
case "$out/" in
  "$repo"/*)
    echo "拒绝写入代码仓库 (refusing to write keys into the repository $repo): 请选仓库以外的目录" >&2
    exit 1 ;;
esac
mkdir -p "$out"
chmod 700 "$out"

san=""
for name in "$@"; do
  if [[ $name =~ ^[0-9]{1,3}(\.[0-9]{1,3}){3}$ || $name == *:* ]]; then
    san="${san:+$san,}IP:$name"
  elif [[ $name =~ ^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$ ]]; then
    san="${san:+$san,}DNS:$name"
  else
    echo "不是主机名或 IP 地址 (not a host name or IP address): $name" >&2
    exit 2
  fi
done

ca_key="$out/district-ca.key"
ca_pem="$out/district-ca.pem"
if [ -f "$ca_key" ] && [ -f "$ca_pem" ]; then
  echo "沿用已有的区县 CA (reusing the district CA): $ca_pem"
else
  if [ -n "${LAORENJIA_CA_PASSPHRASE:-}" ]; then
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -aes-256-cbc \
      -pass env:LAORENJIA_CA_PASSPHRASE -out "$ca_key"
  else
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$ca_key"
  fi
  openssl req -x509 -new -sha256 -key "$ca_key" ${LAORENJIA_CA_PASSPHRASE:+-passin env:LAORENJIA_CA_PASSPHRASE} \
    -days "$ca_days" -subj "/O=$district/CN=$district CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -addext "subjectKeyIdentifier=hash" \
    -out "$ca_pem"
  echo "已生成区县 CA (district CA made): $ca_pem (有效 $ca_days 天)"
fi

server_key="$out/central.key"
server_pem="$out/central.pem"
csr=$(mktemp "$out/central.csr.XXXXXX")
ext=$(mktemp "$out/central.ext.XXXXXX")
trap 'rm -f "$csr" "$ext"' EXIT
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$server_key"
openssl req -new -sha256 -key "$server_key" -subj "/O=$district/CN=$1" -out "$csr"
cat > "$ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=$san
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
EXT
openssl x509 -req -sha256 -in "$csr" -CA "$ca_pem" -CAkey "$ca_key" \
  ${LAORENJIA_CA_PASSPHRASE:+-passin env:LAORENJIA_CA_PASSPHRASE} \
  -set_serial "0x$(openssl rand -hex 16)" -days "$server_days" -extfile "$ext" -out "$server_pem" 2>/dev/null
openssl verify -CAfile "$ca_pem" "$server_pem" >/dev/null
chmod 600 "$ca_key" "$server_key"
chmod 644 "$ca_pem" "$server_pem"

cat <<DONE
已生成结算中心证书 (central certificate made): $server_pem, 名称 names: $san, 有效 $server_days 天
结算中心 central:  LAORENJIA_TLS_CERT=$server_pem LAORENJIA_TLS_KEY=$server_key QUARKUS_HTTP_HOST=0.0.0.0
收银终端 terminals: LAORENJIA_CENTRAL_CA=$ca_pem LAORENJIA_TERMINAL_SETTLEMENT_URL=https://$1:8443
请把 $ca_key 移到离线保管处 (move the CA key offline); 续期时把它放回此目录再运行本脚本。
DONE
