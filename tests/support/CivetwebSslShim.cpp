// A libssl.so for the Orthanc of the https tests (OrthancServer.cpp puts its folder first in
// Orthanc's LD_LIBRARY_PATH). Debian 12's civetweb 1.15 dlopen()s "libssl.so" and looks its
// functions up by name; OpenSSL 3 keeps SSL_get_peer_certificate only as a macro, so civetweb
// calls a null pointer after every TLS handshake and Orthanc dies (civetweb issue #1334). This
// library adds that one name; everything else civetweb looks up is found in libssl.so.3, which
// it links.

extern "C" {

struct ssl_st;
struct x509_st;

x509_st* SSL_get1_peer_certificate(const ssl_st* ssl);

// OpenSSL 3 documents the old name as an alias of SSL_get1_peer_certificate.
x509_st* SSL_get_peer_certificate(const ssl_st* ssl) {
  return SSL_get1_peer_certificate(ssl);
}
}
