package kinesishttp

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"

	"github.com/fxamacker/cbor/v2"
)

// Content types the handler speaks.
const (
	contentTypeJSON = "application/x-amz-json-1.1"
	contentTypeCBOR = "application/x-amz-cbor-1.1"
)

// codec is one wire encoding: how request bodies are read and responses
// written.
type codec interface {
	contentType() string
	decode(body []byte, v any) error
	encode(v any) ([]byte, error)
}

type jsonCodec struct{}

func (jsonCodec) contentType() string { return contentTypeJSON }

func (jsonCodec) decode(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(v); err != nil {
		return serializationError(err)
	}
	return nil
}

func (jsonCodec) encode(v any) ([]byte, error) { return json.Marshal(v) }

// cborCodec reads and writes CBOR; struct fields use their json tags.
type cborCodec struct {
	enc cbor.EncMode
	dec cbor.DecMode
}

func newCBORCodec() cborCodec {
	enc, err := cbor.EncOptions{Time: cbor.TimeUnixMicro}.EncMode()
	if err != nil {
		panic(err)
	}
	dec, err := cbor.DecOptions{DefaultMapType: reflect.TypeOf(map[string]any{})}.DecMode()
	if err != nil {
		panic(err)
	}
	return cborCodec{enc: enc, dec: dec}
}

func (cborCodec) contentType() string { return contentTypeCBOR }

func (c cborCodec) decode(body []byte, v any) error {
	if err := c.dec.Unmarshal(body, v); err != nil {
		return serializationError(err)
	}
	return nil
}

func (c cborCodec) encode(v any) ([]byte, error) { return c.enc.Marshal(v) }

// serializationError turns a decoding failure into AWS's
// SerializationException, worded as AWS's Java service words it.
func serializationError(err error) error {
	var serr *SerializationException
	var typeErr *json.UnmarshalTypeError
	var cborTypeErr *cbor.UnmarshalTypeError
	var b64Err base64.CorruptInputError
	switch {
	case errors.As(err, &serr):
		return serr
	case errors.As(err, &typeErr):
		return &SerializationException{Message: typeMismatch(typeErr.Value, shapeOf(typeErr.Type))}
	case errors.As(err, &cborTypeErr):
		return &SerializationException{Message: typeMismatch(cborKind(cborTypeErr.CBORType), shapeOfName(cborTypeErr.GoType))}
	case errors.As(err, &b64Err):
		return &SerializationException{Message: "Invalid Base64 character at input byte " + strconv.FormatInt(int64(b64Err), 10) + ": can not be converted to a Blob"}
	}
	return &SerializationException{}
}

// shape is the kind of member the service expected.
type shape int

const (
	shapeInteger shape = iota
	shapeDouble
	shapeBoolean
	shapeString
	shapeBlob
	shapeList
	shapeStructure
)

var blobType = reflect.TypeOf([]byte(nil))

func shapeOf(t reflect.Type) shape {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil {
		return shapeStructure
	}
	switch {
	case t == blobType:
		return shapeBlob
	case t.Kind() == reflect.Slice:
		return shapeList
	case t.Kind() == reflect.Struct, t.Kind() == reflect.Map:
		return shapeStructure
	case t.Kind() == reflect.String:
		return shapeString
	case t.Kind() == reflect.Bool:
		return shapeBoolean
	case t.Kind() == reflect.Float32, t.Kind() == reflect.Float64:
		return shapeDouble
	}
	return shapeInteger
}

// shapeOfName reads the Go type names the CBOR decoder reports.
func shapeOfName(name string) shape {
	switch {
	case name == "[]uint8":
		return shapeBlob
	case strings.HasPrefix(name, "[]"):
		return shapeList
	case strings.HasPrefix(name, "map"), strings.Contains(name, "."):
		return shapeStructure
	case name == "string":
		return shapeString
	case name == "bool":
		return shapeBoolean
	case strings.HasPrefix(name, "float"):
		return shapeDouble
	}
	return shapeInteger
}

// typeMismatch words a value of one JSON kind ("string", "number", "bool",
// "array", "object") found where a member of another shape was expected.
func typeMismatch(found string, want shape) string {
	switch {
	case want == shapeList:
		if found == "array" {
			return "Unexpected list element"
		}
		return "Expected list or null"
	case found == "array":
		return "Start of list found where not expected"
	case want == shapeStructure:
		return "Expected null"
	case found == "object":
		return "Start of structure or map found where not expected."
	}
	class := map[string]string{"string": "java.lang.String", "number": "java.math.BigDecimal", "bool": "java.lang.Boolean"}[found]
	if class == "" {
		class = "java.lang.Object"
	}
	target := map[shape]string{shapeInteger: "an Integer", shapeDouble: "an Double", shapeBoolean: "an Boolean", shapeString: "an String", shapeBlob: "a Blob"}[want]
	return "class " + class + " can not be converted to " + target
}

// cborKind names a CBOR type with the JSON kind words typeMismatch uses.
func cborKind(t string) string {
	switch t {
	case "UTF-8 text string", "byte string":
		return "string"
	case "positive integer", "negative integer", "primitives":
		return "number"
	case "array":
		return "array"
	case "map":
		return "object"
	}
	return t
}
