package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"github.com/minikinesis/minikinesis/kinesishttp"
)

// credentialsFlag is the repeatable -credentials flag: access keys that
// -auth verify accepts, AKID:SECRET or AKID:SECRET:TOKEN, separated by
// commas.
type credentialsFlag struct{ creds *[]kinesishttp.Credential }

// String lists the access key ids, never the secrets.
func (f credentialsFlag) String() string {
	if f.creds == nil {
		return ""
	}
	ids := make([]string, len(*f.creds))
	for i, c := range *f.creds {
		ids[i] = c.AccessKeyID + ":***"
	}
	return strings.Join(ids, ",")
}

// Set adds the keys of one value.
func (f credentialsFlag) Set(value string) error {
	for item := range strings.SplitSeq(value, ",") {
		parts := strings.Split(strings.TrimSpace(item), ":")
		if len(parts) < 2 || len(parts) > 3 || parts[0] == "" || parts[1] == "" {
			return fmt.Errorf("want AKID:SECRET or AKID:SECRET:TOKEN, separated by commas")
		}
		c := kinesishttp.Credential{AccessKeyID: parts[0], SecretAccessKey: parts[1]}
		if len(parts) == 3 {
			c.SessionToken = parts[2]
		}
		*f.creds = append(*f.creds, c)
	}
	return nil
}

// readCredentialsFile reads access keys from a file in the format of the
// AWS shared credentials file (~/.aws/credentials): [profile] sections,
// each with aws_access_key_id and aws_secret_access_key, and
// aws_session_token for a temporary key; lines starting with # or ; are
// comments, and other keys are ignored. Every profile is one key.
func readCredentialsFile(path string) ([]kinesishttp.Credential, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var creds []kinesishttp.Credential
	var current *kinesishttp.Credential
	profile, profileLine := "", 0
	done := func() error {
		if current == nil {
			return nil
		}
		if current.AccessKeyID == "" || current.SecretAccessKey == "" {
			return fmt.Errorf("%s:%d: profile [%s] needs aws_access_key_id and aws_secret_access_key", path, profileLine, profile)
		}
		creds = append(creds, *current)
		return nil
	}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || line[0] == '#' || line[0] == ';':
			continue
		case line[0] == '[':
			if err := done(); err != nil {
				return nil, err
			}
			name, ok := strings.CutSuffix(line[1:], "]")
			if !ok {
				return nil, fmt.Errorf("%s:%d: want [profile]", path, n)
			}
			profile, profileLine, current = strings.TrimSpace(name), n, &kinesishttp.Credential{}
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok || current == nil {
			return nil, fmt.Errorf("%s:%d: want key = value inside a [profile]", path, n)
		}
		value = strings.TrimSpace(value)
		switch strings.ToLower(strings.TrimSpace(key)) {
		case "aws_access_key_id":
			current.AccessKeyID = value
		case "aws_secret_access_key":
			current.SecretAccessKey = value
		case "aws_session_token":
			current.SessionToken = value
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if err := done(); err != nil {
		return nil, err
	}
	if len(creds) == 0 {
		return nil, fmt.Errorf("%s: no [profile] with keys", path)
	}
	return creds, nil
}
