package kinesishttp

import "strings"

// authParams are what an Authorization header says.
type authParams struct {
	algorithm, credential, signature, signedHeaders string
}

// authorizationParams reads an Authorization header as AWS reads it: the
// algorithm up to the first space or comma, then parameters name=value
// separated by spaces or commas, a later one of a name standing for an
// earlier one, a value ending at a further '='.
func authorizationParams(header string) authParams {
	var a authParams
	separator := func(r rune) bool { return r == ' ' || r == ',' }
	i := strings.IndexFunc(header, separator)
	if i < 0 {
		a.algorithm = header
		return a
	}
	a.algorithm = header[:i]
	for param := range strings.FieldsFuncSeq(header[i+1:], separator) {
		name, value, _ := strings.Cut(strings.TrimSpace(param), "=")
		value, _, _ = strings.Cut(value, "=")
		switch name {
		case "Credential":
			a.credential = value
		case "Signature":
			a.signature = value
		case "SignedHeaders":
			a.signedHeaders = value
		}
	}
	return a
}
