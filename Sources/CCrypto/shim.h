#pragma once
#include <openssl/evp.h>
#include <openssl/sha.h>

/// SHA-256 of `length` bytes into `digest` (32 bytes) with libcrypto's own SHA-256 functions; 1 on success.
///
/// The EVP interface (`EVP_Digest` with `EVP_sha256()`) first initialises OpenSSL's provider machinery:
/// ~5 million instructions (reading the OpenSSL configuration, loading the default provider) in every
/// short-lived `sop` process, and a provider lookup under locks on every digest after that. The SHA256_*
/// functions run the same libcrypto implementation without either. OpenSSL 3 marks them deprecated (in
/// favour of EVP), hence the pragma; they remain part of libcrypto 3's ABI.
static inline int sop_sha256(const void *data, size_t length, unsigned char *digest) {
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wdeprecated-declarations"
    SHA256_CTX context;
    int ok = SHA256_Init(&context) && SHA256_Update(&context, data, length) && SHA256_Final(digest, &context);
#pragma clang diagnostic pop
    return ok;
}
