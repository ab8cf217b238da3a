package kinesishttp

import (
	"encoding/base64"
	"strconv"

	"github.com/minikinesis/minikinesis"
)

// getRecordsFast is GetRecords' row of hand-written codecs: its request
// is small and takes the generic decoder; responses that carry ChildShards
// (rare: the end of a closed shard) take the generic encoder.
func getRecordsFast() *fastPath {
	return &fastPath{
		encode: func(f fastCodec, b []byte, out any) []byte {
			return f.appendGetRecords(b, out.(*minikinesis.GetRecordsOutput))
		},
		size:   func(out any) int { return getRecordsSize(out.(*minikinesis.GetRecordsOutput)) },
		writes: func(out any) bool { return len(out.(*minikinesis.GetRecordsOutput).ChildShards) == 0 },
	}
}

// Bounds on a GetRecords response's framing, in either codec: the
// members' names, a 56-digit sequence number, a timestamp and the
// encryption type of each record, and of the response around them.
const (
	getRecordsRecordFrame   = 200
	getRecordsResponseFrame = 128
)

// getRecordsSize bounds the length of a GetRecords response (see
// fastPath.size): JSON's base64 is the larger form of the data.
func getRecordsSize(out *minikinesis.GetRecordsOutput) int {
	n := getRecordsResponseFrame + len(out.NextShardIterator)
	for i := range out.Records {
		r := &out.Records[i]
		n += getRecordsRecordFrame + base64.StdEncoding.EncodedLen(len(r.Data)) + len(r.PartitionKey)
	}
	return n
}

// appendGetRecords writes a GetRecords response without ChildShards;
// responses that carry them take the generic encoder.
func (jsonCodec) appendGetRecords(b []byte, out *minikinesis.GetRecordsOutput) []byte {
	b = append(b, `{"Records":[`...)
	var seqs minikinesis.SequenceFormatter
	for i := range out.Records {
		r := &out.Records[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"SequenceNumber":"`...)
		b = seqs.AppendText(b, r.SequenceNumber)
		b = append(b, `","ApproximateArrivalTimestamp":`...)
		b = appendEpochJSON(b, r.ApproximateArrivalTimestamp)
		b = append(b, `,"Data":"`...)
		b = base64.StdEncoding.AppendEncode(b, r.Data)
		b = append(b, `","PartitionKey":`...)
		b = appendJSONString(b, r.PartitionKey)
		b = append(b, `,"EncryptionType":"`...)
		b = append(b, r.EncryptionType...)
		b = append(b, `"}`...)
	}
	b = append(b, `],"NextShardIterator":`...)
	b = appendJSONString(b, out.NextShardIterator)
	b = append(b, `,"MillisBehindLatest":`...)
	b = strconv.AppendInt(b, out.MillisBehindLatest, 10)
	return append(b, '}')
}

func (cborCodec) appendGetRecords(b []byte, out *minikinesis.GetRecordsOutput) []byte {
	w := cborWriter(b).head(cborMap, 3)
	w = w.text("Records").head(cborArray, uint64(len(out.Records)))
	var seqs minikinesis.SequenceFormatter
	for i := range out.Records {
		r := &out.Records[i]
		w = w.head(cborMap, 5)
		w = w.text("SequenceNumber").seq(&seqs, r.SequenceNumber)
		w = w.text("ApproximateArrivalTimestamp").timestamp(r.ApproximateArrivalTimestamp)
		w = append(w.text("Data").head(cborBytes, uint64(len(r.Data))), r.Data...)
		w = w.text("PartitionKey").text(r.PartitionKey)
		w = w.text("EncryptionType").text(string(r.EncryptionType))
	}
	w = w.text("NextShardIterator").text(out.NextShardIterator)
	return w.text("MillisBehindLatest").int(out.MillisBehindLatest)
}
