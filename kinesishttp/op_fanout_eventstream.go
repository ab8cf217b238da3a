package kinesishttp

import (
	"encoding/binary"
	"hash/crc32"
)

// eventHeader is one string header of an event stream message.
type eventHeader struct{ name, value string }

// headerTypeString is the event stream header value type for strings.
const headerTypeString = 7

// encodeEventMessage frames one application/vnd.amazon.eventstream message:
// a prelude (total length, headers length, CRC32 of both), the headers,
// the payload, and a CRC32 of everything before it.
func encodeEventMessage(headers []eventHeader, payload []byte) []byte {
	headersLen := 0
	for _, h := range headers {
		headersLen += 1 + len(h.name) + 1 + 2 + len(h.value)
	}
	total := 12 + headersLen + len(payload) + 4
	msg := make([]byte, 0, total)
	msg = binary.BigEndian.AppendUint32(msg, uint32(total))
	msg = binary.BigEndian.AppendUint32(msg, uint32(headersLen))
	msg = binary.BigEndian.AppendUint32(msg, crc32.ChecksumIEEE(msg[:8]))
	for _, h := range headers {
		msg = append(msg, byte(len(h.name)))
		msg = append(msg, h.name...)
		msg = append(msg, headerTypeString)
		msg = binary.BigEndian.AppendUint16(msg, uint16(len(h.value)))
		msg = append(msg, h.value...)
	}
	msg = append(msg, payload...)
	return binary.BigEndian.AppendUint32(msg, crc32.ChecksumIEEE(msg))
}

// eventMessage frames an event of the given type.
func eventMessage(eventType, contentType string, payload []byte) []byte {
	return encodeEventMessage([]eventHeader{
		{":message-type", "event"},
		{":event-type", eventType},
		{":content-type", contentType},
	}, payload)
}

// exceptionMessage frames a modeled exception that ends a stream.
func exceptionMessage(exceptionType, contentType string, payload []byte) []byte {
	return encodeEventMessage([]eventHeader{
		{":message-type", "exception"},
		{":exception-type", exceptionType},
		{":content-type", contentType},
	}, payload)
}
