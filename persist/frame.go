package persist

import (
	"bufio"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
)

// A frame is one entry on disk: its payload's length and CRC-32C, four
// bytes each, little-endian, then the payload. The checksum finds a torn
// or flipped entry; the length lets a reader skip from one to the next.
const (
	frameHeader = 8
	// maxPayload bounds a payload: a 10 MiB record with its key and
	// framing, or a stream's metadata with thousands of shards. A length
	// beyond it is damage, not an entry.
	maxPayload = 64 << 20
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// beginFrame reserves a frame's header at the end of b; endFrame fills it
// in once the payload after it is appended.
func beginFrame(b []byte) ([]byte, int) {
	return append(b, make([]byte, frameHeader)...), len(b)
}

func endFrame(b []byte, start int) []byte {
	payload := b[start+frameHeader:]
	binary.LittleEndian.PutUint32(b[start:], uint32(len(payload)))
	binary.LittleEndian.PutUint32(b[start+4:], crc32.Checksum(payload, castagnoli))
	return b
}

// frameFault is why a frame could not be read.
type frameFault string

const (
	faultTruncated frameFault = "entry cut short"
	faultLength    frameFault = "entry length out of range"
	faultChecksum  frameFault = "checksum mismatch"
)

// badFrame is a frameFault with where the frame began.
type badFrame struct {
	offset int64
	fault  frameFault
}

func (b *badFrame) Error() string { return string(b.fault) }

// frameReader reads frames one after the other, knowing each one's offset.
type frameReader struct {
	r   *bufio.Reader
	off int64
	buf []byte
}

func newFrameReader(r io.Reader) *frameReader {
	return &frameReader{r: bufio.NewReaderSize(r, 1<<20)}
}

// next returns the next frame's payload (valid until the following call)
// and its offset; io.EOF at a clean end, a *badFrame otherwise. Other
// errors are the reader's own.
func (fr *frameReader) next() ([]byte, int64, error) {
	start := fr.off
	var h [frameHeader]byte
	n, err := io.ReadFull(fr.r, h[:])
	switch {
	case err == io.EOF:
		return nil, start, io.EOF
	case errors.Is(err, io.ErrUnexpectedEOF):
		return nil, start, &badFrame{start, faultTruncated}
	case err != nil:
		return nil, start, err
	}
	size := binary.LittleEndian.Uint32(h[:4])
	if size == 0 || size > maxPayload { // every payload has at least its kind
		return nil, start, &badFrame{start, faultLength}
	}
	if cap(fr.buf) < int(size) {
		fr.buf = make([]byte, size)
	}
	payload := fr.buf[:size]
	m, err := io.ReadFull(fr.r, payload)
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return nil, start, &badFrame{start, faultTruncated}
	case err != nil:
		return nil, start, err
	}
	if crc32.Checksum(payload, castagnoli) != binary.LittleEndian.Uint32(h[4:]) {
		return nil, start, &badFrame{start, faultChecksum}
	}
	fr.off += int64(n + m)
	return payload, start, nil
}

// validFrameAfter reports whether b holds a whole, valid frame at any
// offset: a bad frame followed by good ones is damage in the middle, a
// bad frame followed by none is a torn tail.
func validFrameAfter(b []byte) bool {
	for i := 0; i+frameHeader <= len(b); i++ {
		size := int(binary.LittleEndian.Uint32(b[i:]))
		if size == 0 || size > maxPayload || i+frameHeader+size > len(b) {
			continue
		}
		payload := b[i+frameHeader : i+frameHeader+size]
		if crc32.Checksum(payload, castagnoli) == binary.LittleEndian.Uint32(b[i+4:]) {
			return true
		}
	}
	return false
}
