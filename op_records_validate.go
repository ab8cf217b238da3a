package minikinesis

import (
	"strconv"
	"strings"
)

// recordPath names a record member in a violation: "data" for PutRecord,
// "records.3.member.data" for the third PutRecords entry.
func recordPath(index int, member string) string {
	if index < 0 {
		return member
	}
	return "records." + strconv.Itoa(index+1) + ".member." + member
}

// checkRecord adds the violations of one record's members. index is the
// PutRecords position, or -1 for PutRecord.
func (v *violations) checkRecord(index int, partitionKey string, data []byte, explicitHashKey string, lim Limits, maxRecordSize int) {
	// Paths are built only on failure: this runs for every record written.
	if short, long := lengthFails(partitionKey, 1, lim.MaxPartitionKeyLength); short || long {
		v.checkLength(recordPath(index, "partitionKey"), partitionKey, 1, lim.MaxPartitionKeyLength)
	}
	if recordSize(partitionKey, data) > maxRecordSize {
		*v = append(*v, recordTooLarge(recordPath(index, "data"), partitionKey, data, maxRecordSize))
	}
	if explicitHashKey != "" && !matchesHashKeyPattern(explicitHashKey) {
		*v = append(*v, patternViolation(recordPath(index, "explicitHashKey"), explicitHashKey, hashKeyPattern))
	}
}

// validatePutRecords checks a PutRecords request's entries against the
// limits, in AWS's order: the record list and each entry's members
// (ValidationException, with nameViolations appended), then the request's
// total size (InvalidArgumentException).
func validatePutRecords(entries []PutRecordsRequestEntry, lim Limits, maxRecordSize int, nameViolations violations, m requestMembers) error {
	var v violations
	switch n := len(entries); {
	case n == 0:
		v = append(v, minLengthViolation("records", "[]", 1))
	case n > lim.MaxRecordsPerRequest:
		v = append(v, maxLengthViolation("records", entriesValue(entries), lim.MaxRecordsPerRequest))
	}
	total := 0
	for i := range entries {
		e := &entries[i]
		total += len(e.Data) + len(e.PartitionKey)
		if len(v) >= maxListedViolations {
			continue
		}
		v.checkRecord(i, e.PartitionKey, e.Data, e.ExplicitHashKey, lim, maxRecordSize)
	}
	v = append(v, nameViolations...)
	if err := v.errFor(m); err != nil {
		return err
	}
	if total > lim.MaxRequestSize {
		return requestTooLarge(lim.MaxRequestSize)
	}
	return nil
}

// entriesValue prints a record list as AWS's Java service does when the
// list itself breaks a constraint.
func entriesValue(entries []PutRecordsRequestEntry) string {
	var b strings.Builder
	b.WriteByte('[')
	for i := range entries {
		if i > 0 {
			b.WriteString(", ")
		}
		e := &entries[i]
		b.WriteString("PutRecordsRequestEntry(data=" + blobValue(len(e.Data)) + ", explicitHashKey=")
		if e.ExplicitHashKey == "" {
			b.WriteString("null")
		} else {
			b.WriteString(e.ExplicitHashKey)
		}
		b.WriteString(", partitionKey=" + e.PartitionKey + ")")
	}
	b.WriteByte(']')
	return b.String()
}

// validatePutRecord checks a PutRecord request's members.
func validatePutRecord(in *PutRecordInput, lim Limits, maxRecordSize int, nameViolations violations, m requestMembers) error {
	var v violations
	v.checkRecord(-1, in.PartitionKey, in.Data, in.ExplicitHashKey, lim, maxRecordSize)
	if s := in.SequenceNumberForOrdering; s != "" && !matchesSequencePattern(s) {
		v = append(v, patternViolation("sequenceNumberForOrdering", s, sequencePattern))
	}
	v = append(v, nameViolations...)
	return v.errFor(m)
}

// hashKeyOf returns the hash key that routes a record.
func hashKeyOf(partitionKey, explicitHashKey string) (HashKey, error) {
	if explicitHashKey == "" {
		return PartitionKeyHash(partitionKey), nil
	}
	h, ok := parseDecimal128(explicitHashKey)
	if !ok {
		return HashKey{}, explicitHashKeyRangeError(explicitHashKey)
	}
	return h, nil
}

// recordSize is what a record counts against the record size limit: its
// data and its partition key.
func recordSize(partitionKey string, data []byte) int { return len(data) + len(partitionKey) }

// recordTooLarge reports a record over the size limit on its data member,
// in AWS's words for data over the limit. When the key is what tips it
// over, the buffer shown holds data and key together (our choice: AWS's
// own text for that case is not recorded), so the message never shows a
// length within the limit it says was broken.
func recordTooLarge(path, partitionKey string, data []byte, max int) Violation {
	shown := len(data)
	if shown <= max {
		shown = recordSize(partitionKey, data)
	}
	return maxLengthViolation(path, blobValue(shown), max)
}
