package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"fmt"
	"log/slog"
	"math/big"
	"net"
	"slices"
	"time"
)

// selfSignedValidity is how long a generated certificate is valid; it is
// made anew at every start.
const selfSignedValidity = 365 * 24 * time.Hour

// serverTLSConfig returns the TLS configuration for -tls: the -tls-cert and
// -tls-key pair, or a self-signed certificate made now for the loopback
// names and the -addr host.
func serverTLSConfig(cfg config, logger *slog.Logger) (*tls.Config, error) {
	var cert tls.Certificate
	if cfg.tlsCert != "" {
		var err error
		cert, err = tls.LoadX509KeyPair(cfg.tlsCert, cfg.tlsKey)
		if err != nil {
			return nil, fmt.Errorf("loading -tls-cert %s and -tls-key %s: %w", cfg.tlsCert, cfg.tlsKey, err)
		}
	} else {
		hosts := certificateHosts(cfg.addr)
		var err error
		cert, err = selfSignedCertificate(hosts, time.Now())
		if err != nil {
			return nil, fmt.Errorf("generating a self-signed certificate: %w", err)
		}
		sum := sha256.Sum256(cert.Certificate[0])
		logger.Info("generated a self-signed certificate", "hosts", hosts, "sha256", hex.EncodeToString(sum[:]))
	}
	return &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}, nil
}

// certificateHosts are the names a generated certificate is valid for:
// 127.0.0.1, ::1 and localhost, and the host of addr when it names a
// particular one.
func certificateHosts(addr string) []string {
	hosts := []string{"127.0.0.1", "::1", "localhost"}
	host, _, err := net.SplitHostPort(addr)
	if err != nil || host == "" {
		return hosts
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		return hosts
	}
	if !slices.Contains(hosts, host) {
		hosts = append(hosts, host)
	}
	return hosts
}

// selfSignedCertificate makes an ECDSA P-256 server certificate for hosts
// (IP addresses or DNS names), signed by its own key and valid from an hour
// before now, so clocks a little behind still accept it.
func selfSignedCertificate(hosts []string, now time.Time) (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return tls.Certificate{}, err
	}
	template := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "minikinesis", Organization: []string{"minikinesis"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(selfSignedValidity),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
	}
	for _, h := range hosts {
		if ip := net.ParseIP(h); ip != nil {
			template.IPAddresses = append(template.IPAddresses, ip)
		} else {
			template.DNSNames = append(template.DNSNames, h)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, nil
}
