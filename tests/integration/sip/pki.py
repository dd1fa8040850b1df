"""A throw-away certificate authority for the SIP-over-TLS tests, made at test time.

`make_site_pki(folder)` writes a site CA, a server certificate it signed for 127.0.0.1
and localhost (what kamailio presents), and a second, unrelated CA (what a wrong
`sip.tls_ca_file` looks like).  Nothing is kept between runs and nothing here is a
secret: the keys die with the test's temporary folder.  RSA 2048 and SHA-256 because
the OpenSSL bundled in the pjsua2 wheel is 1.0.2 (no Ed25519).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


@dataclass(frozen=True)
class SitePki:
    ca_file: Path            # PEM of the CA that signed the server certificate
    other_ca_file: Path      # PEM of a CA that signed nothing we use
    server_cert: Path
    server_key: Path


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Sambung test"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _ca(common_name: str, now: dt.datetime) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    key = _key()
    cert = (x509.CertificateBuilder()
            .subject_name(_name(common_name)).issuer_name(_name(common_name))
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False,
                                         key_encipherment=False, data_encipherment=False, key_agreement=False,
                                         key_cert_sign=True, crl_sign=True, encipher_only=False,
                                         decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    return key, cert


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def make_site_pki(folder: Path) -> SitePki:
    folder.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now(dt.timezone.utc)
    ca_key, ca_cert = _ca("Sambung test site CA", now)
    _, other_cert = _ca("Some other CA", now)
    server_key = _key()
    server_cert = (x509.CertificateBuilder()
                   .subject_name(_name("127.0.0.1")).issuer_name(ca_cert.subject)
                   .public_key(server_key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=2))
                   .add_extension(x509.SubjectAlternativeName([
                       x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]),
                       critical=False)
                   .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                   .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH,
                                                         ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
                   .sign(ca_key, hashes.SHA256()))
    pki = SitePki(folder / "site-ca.pem", folder / "other-ca.pem", folder / "server.pem", folder / "server.key")
    pki.ca_file.write_bytes(_pem(ca_cert))
    pki.other_ca_file.write_bytes(_pem(other_cert))
    pki.server_cert.write_bytes(_pem(server_cert))
    pki.server_key.write_bytes(server_key.private_bytes(serialization.Encoding.PEM,
                                                        serialization.PrivateFormat.TraditionalOpenSSL,
                                                        serialization.NoEncryption()))
    pki.server_key.chmod(0o600)
    return pki
