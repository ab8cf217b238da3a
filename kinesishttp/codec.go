package kinesishttp

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

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
	// parse reads a whole body as one value of the encoding, or reports
	// false: a body that does not parse (bad syntax, text that is not
	// UTF-8, bytes after the value).
	parse(body []byte) (wireValue, bool)
	decode(body []byte, v any) error
	encode(v any) ([]byte, error)
}

type jsonCodec struct{}

func (jsonCodec) contentType() string { return contentTypeJSON }

func (jsonCodec) parse(body []byte) (wireValue, bool) { return parseJSON(body) }

func (c jsonCodec) decode(body []byte, v any) error { return decodeBody(c, body, v) }

func (jsonCodec) encode(v any) ([]byte, error) { return json.Marshal(v) }

// cborCodec reads and writes CBOR; struct fields use their json tags.
type cborCodec struct {
	enc cbor.EncMode
}

func newCBORCodec() cborCodec {
	enc, err := cbor.EncOptions{Time: cbor.TimeUnixMicro}.EncMode()
	if err != nil {
		panic(err)
	}
	return cborCodec{enc: enc}
}

func (cborCodec) contentType() string { return contentTypeCBOR }

func (cborCodec) parse(body []byte) (wireValue, bool) { return parseCBOR(body) }

func (c cborCodec) decode(body []byte, v any) error { return decodeBody(c, body, v) }

func (c cborCodec) encode(v any) ([]byte, error) { return c.enc.Marshal(v) }

// Both encodings decode alike: the body is parsed whole into wireValues
// (so a body that does not parse is refused before any member is looked
// at, as AWS's Java service parses before it binds), then bound to the Go
// value member by member, in the body's order. Members the Go value does
// not have are skipped, null is an absent member, and a member given twice
// takes its last value. What AWS refuses while binding it refuses with the
// texts its Java service uses, quoted by kinesalite's tests recorded
// against AWS (test/helpers.js assertType, validations/index.js).

// wireKind is the kind of a parsed value.
type wireKind uint8

const (
	wireNull   wireKind = iota // JSON null, CBOR null or undefined
	wireBool                   // num is 1 for true
	wireString                 // JSON string, CBOR text string: text holds it, valid UTF-8
	wireBytes                  // CBOR byte string: text holds it
	wireNumber                 // JSON number: text holds its literal
	wireUint                   // CBOR unsigned integer: num
	wireNegInt                 // CBOR negative integer: -1 - num
	wireFloat                  // CBOR float: num holds math.Float64bits
	wireArray                  // items are the elements
	wireMap                    // items are keys and values, alternately
	wireTag                    // CBOR tag: num is its number, items[0] its content
	wireSimple                 // any other CBOR simple value
)

// wireValue is one parsed value of a request body. Strings without escapes
// and byte strings of definite length point into the body.
type wireValue struct {
	kind  wireKind
	num   uint64
	text  []byte
	items []wireValue
}

// maxNesting bounds how deeply arrays, maps and tags nest in a body (the
// default of Jackson, the parser of AWS's Java services).
const maxNesting = 1000

// AWS's texts for a value of the wrong type.
const (
	msgListNotExpected   = "Start of list found where not expected"
	msgStructNotExpected = "Start of structure or map found where not expected."
	msgExpectedList      = "Expected list or null"
	msgExpectedMap       = "Expected map or null"
	msgExpectedStructure = "Expected null"
	// The Java classes AWS names for a JSON string, number and boolean.
	javaString  = "class java.lang.String"
	javaNumber  = "class com.amazon.coral.value.json.numbers.TruncatingBigNumber"
	javaBoolean = "class java.lang.Boolean"
)

// decodeBody parses body with c and binds it to v, a non-nil pointer.
func decodeBody(c codec, body []byte, v any) error {
	root, ok := c.parse(body)
	if !ok {
		return &SerializationException{}
	}
	if err := bodyObject(&root); err != nil {
		return err
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("kinesishttp: decoding into %T, not a non-nil pointer", v)
	}
	return bind(&root, rv.Elem())
}

// bodyObject checks that a parsed body is an object (a JSON object, a CBOR
// map), as every request is: a list is refused with AWS's text, any other
// value as a body that does not parse.
func bodyObject(root *wireValue) error {
	switch root.kind {
	case wireMap:
		return nil
	case wireArray:
		return &SerializationException{Message: msgListNotExpected}
	}
	return &SerializationException{}
}

// shape is the kind of member AWS expected, as its messages name it.
type shape uint8

const (
	shapeString shape = iota
	shapeInteger
	shapeLong
	shapeDouble
	shapeBoolean
	shapeBlob
	shapeTimestamp
	shapeList
	shapeMap
	shapeStructure
)

// target is how AWS's "can not be converted to" messages end for s.
func (s shape) target() string {
	switch s {
	case shapeInteger:
		return "an Integer"
	case shapeLong:
		return "an Long"
	case shapeDouble:
		return "an Double"
	case shapeBoolean:
		return "an Boolean"
	case shapeBlob:
		return "a Blob"
	case shapeTimestamp:
		return "milliseconds since epoch"
	}
	return "an String"
}

// mismatch is AWS's SerializationException for a value of kind found
// where a member of shape want was expected.
func mismatch(found wireKind, want shape) error {
	var msg string
	switch {
	case found == wireArray:
		msg = msgListNotExpected
	case found == wireMap:
		msg = msgStructNotExpected
	case want == shapeList:
		msg = msgExpectedList
	case want == shapeMap:
		msg = msgExpectedMap
	case want == shapeStructure:
		msg = msgExpectedStructure
	case found == wireString, found == wireBytes:
		msg = javaString + " can not be converted to " + want.target()
	case found == wireBool:
		msg = javaBoolean + " can not be converted to " + want.target()
	case found == wireNumber, found == wireUint, found == wireNegInt, found == wireFloat:
		msg = javaNumber + " can not be converted to " + want.target()
	}
	return &SerializationException{Message: msg}
}

var (
	epochTimeType = reflect.TypeFor[epochTime]()
	fieldCache    sync.Map // reflect.Type of a struct → *structFields
)

// bind sets v from w.
func bind(w *wireValue, v reflect.Value) error {
	t := v.Type()
	if w.kind == wireNull {
		v.SetZero()
		return nil
	}
	switch {
	case t.Kind() == reflect.Pointer:
		p := reflect.New(t.Elem())
		if err := bind(w, p.Elem()); err != nil {
			return err
		}
		v.Set(p)
		return nil
	case t == epochTimeType:
		ms, err := timestampMillis(w)
		if err != nil {
			return err
		}
		v.Set(reflect.ValueOf(epochFromMillis(ms)))
		return nil
	}
	// A tag means something to timestamps alone: any other member takes
	// what the tag holds.
	for w.kind == wireTag {
		w = &w.items[0]
	}
	switch w.kind {
	case wireNull:
		v.SetZero()
		return nil
	case wireSimple:
		return &SerializationException{}
	}
	switch t.Kind() {
	case reflect.String:
		s, ok := textOf(w)
		if !ok {
			return mismatch(w.kind, shapeString)
		}
		v.SetString(s)
		return nil
	case reflect.Bool:
		b, err := booleanOf(w)
		v.SetBool(b)
		return err
	case reflect.Int, reflect.Int32:
		n, err := integerOf(w, shapeInteger)
		v.SetInt(min(max(n, math.MinInt32), math.MaxInt32))
		return err
	case reflect.Int64:
		n, err := integerOf(w, shapeLong)
		v.SetInt(n)
		return err
	case reflect.Float64, reflect.Float32:
		f, err := doubleOf(w)
		v.SetFloat(f)
		return err
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			b, err := blobOf(w)
			v.SetBytes(b)
			return err
		}
		return bindList(w, v)
	case reflect.Map:
		if t.Key().Kind() == reflect.String {
			return bindMap(w, v)
		}
	case reflect.Struct:
		return bindStruct(w, v)
	}
	return fmt.Errorf("kinesishttp: cannot decode into a %s", t)
}

func bindStruct(w *wireValue, v reflect.Value) error {
	if w.kind != wireMap {
		return mismatch(w.kind, shapeStructure)
	}
	fields := fieldsOf(v.Type())
	// Only a member's last value counts: AWS's parser keeps that one
	// alone, so an earlier one is never looked at.
	var lastBuf [16]int
	last := lastBuf[:0]
	if len(fields.index) > len(lastBuf) {
		last = make([]int, 0, len(fields.index))
	}
	last = last[:len(fields.index)]
	for i := 0; i < len(w.items); i += 2 {
		key := &w.items[i]
		if key.kind != wireString {
			return &SerializationException{}
		}
		if f, ok := fields.byName[string(key.text)]; ok {
			last[f] = i + 1
		}
	}
	v.SetZero() // a structure given twice takes the last one whole
	for i := 0; i < len(w.items); i += 2 {
		f, ok := fields.byName[string(w.items[i].text)]
		if !ok || last[f] != i+1 {
			continue
		}
		if err := bind(&w.items[i+1], v.FieldByIndex(fields.index[f])); err != nil {
			return err
		}
	}
	return nil
}

func bindList(w *wireValue, v reflect.Value) error {
	if w.kind != wireArray {
		return mismatch(w.kind, shapeList)
	}
	list := reflect.MakeSlice(v.Type(), len(w.items), len(w.items))
	for i := range w.items {
		if err := bind(&w.items[i], list.Index(i)); err != nil {
			return err
		}
	}
	v.Set(list)
	return nil
}

func bindMap(w *wireValue, v reflect.Value) error {
	if w.kind != wireMap {
		return mismatch(w.kind, shapeMap)
	}
	t := v.Type()
	pairs := len(w.items) / 2
	// Only a key's last value counts, as in a structure.
	later := make(map[string]bool, pairs)
	earlier := make([]bool, pairs)
	for i := pairs - 1; i >= 0; i-- {
		key := &w.items[2*i]
		if key.kind != wireString {
			return &SerializationException{}
		}
		earlier[i] = later[string(key.text)]
		later[string(key.text)] = true
	}
	m := reflect.MakeMapWithSize(t, len(later))
	for i := range pairs {
		if earlier[i] {
			continue
		}
		elem := reflect.New(t.Elem()).Elem()
		if err := bind(&w.items[2*i+1], elem); err != nil {
			return err
		}
		m.SetMapIndex(reflect.ValueOf(string(w.items[2*i].text)).Convert(t.Key()), elem)
	}
	v.Set(m)
	return nil
}

// structFields are a struct's members: their names (json tags, else field
// names), fields of embedded structs included, as encoding/json names
// them, each numbered, and where each lies in the struct.
type structFields struct {
	byName map[string]int
	index  [][]int
}

func fieldsOf(t reflect.Type) *structFields {
	if f, ok := fieldCache.Load(t); ok {
		return f.(*structFields)
	}
	byPath := map[string][]int{}
	collectFields(t, nil, byPath)
	fields := &structFields{byName: make(map[string]int, len(byPath))}
	for name, index := range byPath {
		fields.byName[name] = len(fields.index)
		fields.index = append(fields.index, index)
	}
	f, _ := fieldCache.LoadOrStore(t, fields)
	return f.(*structFields)
}

func collectFields(t reflect.Type, index []int, into map[string][]int) {
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		at := append(append([]int(nil), index...), i)
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			collectFields(f.Type, at, into)
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if prev, ok := into[name]; !ok || len(at) < len(prev) { // the shallower field wins
			into[name] = at
		}
	}
}

// textOf reads a string member: a string, or a CBOR byte string of UTF-8.
func textOf(w *wireValue) (string, bool) {
	switch w.kind {
	case wireString:
		return string(w.text), true
	case wireBytes:
		return string(w.text), utf8.Valid(w.text)
	}
	return "", false
}

// booleanOf reads a Boolean member. AWS takes the strings true, false,
// yes, no, 1 and 0 for one, and names any other string in capitals.
func booleanOf(w *wireValue) (bool, error) {
	if w.kind == wireBool {
		return w.num == 1, nil
	}
	s, ok := textOf(w)
	if !ok {
		return false, mismatch(w.kind, shapeBoolean)
	}
	switch strings.ToLower(s) {
	case "true", "yes", "1":
		return true, nil
	case "false", "no", "0":
		return false, nil
	}
	return false, &SerializationException{Message: "'" + strings.ToUpper(s) + "' can not be converted to " + shapeBoolean.target()}
}

// integerOf reads an Integer or Long member as AWS's Java service does: a
// fraction is cut off and a value out of range saturates (ShardCount
// 100000000000 is "Value '2147483647' at 'shardCount'"; the caller
// saturates an Integer to 32 bits).
func integerOf(w *wireValue, want shape) (int64, error) {
	switch w.kind {
	case wireNumber:
		s := string(w.text)
		if !strings.ContainsAny(s, ".eE") {
			n, _ := strconv.ParseInt(s, 10, 64) // out of range, it saturates
			return n, nil
		}
		f, _ := strconv.ParseFloat(s, 64) // too large: ±Inf, saturated below
		return saturateInt64(f), nil
	case wireUint:
		return int64(min(w.num, math.MaxInt64)), nil
	case wireNegInt:
		if w.num >= math.MaxInt64 {
			return math.MinInt64, nil
		}
		return -1 - int64(w.num), nil
	case wireFloat:
		f := math.Float64frombits(w.num)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return 0, &SerializationException{}
		}
		return saturateInt64(f), nil
	}
	return 0, mismatch(w.kind, want)
}

// saturateInt64 converts f as Java converts a double to a long: toward
// zero, saturating at the ends of the range.
func saturateInt64(f float64) int64 {
	switch {
	case f >= math.MaxInt64: // 2^63 as a float64
		return math.MaxInt64
	case f <= math.MinInt64:
		return math.MinInt64
	}
	return int64(f)
}

func doubleOf(w *wireValue) (float64, error) {
	switch w.kind {
	case wireNumber:
		f, _ := strconv.ParseFloat(string(w.text), 64)
		return f, nil
	case wireUint:
		return float64(w.num), nil
	case wireNegInt:
		return -1 - float64(w.num), nil
	case wireFloat:
		return math.Float64frombits(w.num), nil
	}
	return 0, mismatch(w.kind, shapeDouble)
}

// blobOf reads a Blob member: a CBOR byte string, or a string of padded
// base64, checked as AWS checks it (kinesalite's tests quote its texts).
func blobOf(w *wireValue) ([]byte, error) {
	switch w.kind {
	case wireBytes:
		if w.text == nil {
			return []byte{}, nil
		}
		return w.text, nil
	case wireString:
		return decodeBase64Member(w.text)
	}
	return nil, mismatch(w.kind, shapeBlob)
}

// decodeBase64Member decodes a Blob member's base64, refusing it with the
// text AWS gives: its length (in UTF-16 units, as Java counts), the first
// character outside the alphabet (or a '=' before the end), or anything
// else that would not encode back to itself.
func decodeBase64Member(s []byte) ([]byte, error) {
	refuse := func(why string) error {
		return &SerializationException{Message: "'" + string(s) + "' can not be converted to a Blob: " + why}
	}
	if n := utf16Length(s); n%4 != 0 {
		return nil, refuse("Base64 encoded length is expected a multiple of 4 bytes but found: " + strconv.Itoa(n))
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRune(s[i:])
		if !isBase64Char(r) || r == '=' && i+1 < len(s) && s[i+1] != '=' {
			return nil, refuse("Invalid Base64 character: '" + string(r) + "'")
		}
		i += size
	}
	out := make([]byte, base64.StdEncoding.DecodedLen(len(s)))
	n, err := base64.StdEncoding.Strict().Decode(out, s)
	if err != nil {
		return nil, refuse("Invalid last non-pad Base64 character dectected") // sic
	}
	return out[:n:n], nil
}

func isBase64Char(r rune) bool {
	return 'A' <= r && r <= 'Z' || 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '+' || r == '/' || r == '='
}

// utf16Length is the length of UTF-8 text s in UTF-16 code units.
func utf16Length(s []byte) int {
	n := 0
	for _, r := range string(s) {
		n += utf16.RuneLen(r)
	}
	return n
}
