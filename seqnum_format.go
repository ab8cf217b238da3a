package minikinesis

// SequenceFormatter writes the decimal form of many sequence numbers, as
// an encoder answering PutRecords or GetRecords does. It remembers the
// last number it wrote for each of a few shards, so the next record of
// the same shard (its counter one higher, arriving in the same second)
// costs a 25-digit decimal addition instead of the 192-bit division the
// full conversion needs. Its output is always what AppendText writes.
//
// The zero value is ready to use. It is not safe for concurrent use: keep
// one per response being encoded.
type SequenceFormatter struct {
	slots [seqFormatterSlots]seqFormatterSlot
}

// seqFormatterSlots shards' last numbers are kept, chosen by the low bits
// of the shard index: the shards of one stream's response mostly differ
// there.
const seqFormatterSlots = 8

type seqFormatterSlot struct {
	last   SequenceNumber
	digits [seqNumberWidth]byte
}

// counterStepDigits is 2^80 in decimal: the counter sits 80 bits up in
// the packed number, so raising it by one adds exactly this.
const counterStepDigits = "1208925819614629174706176"

// AppendText appends s's decimal form to dst (nothing for the zero value).
func (f *SequenceFormatter) AppendText(dst []byte, s SequenceNumber) []byte {
	if s.IsZero() {
		return dst
	}
	slot := &f.slots[s.shardIndex%seqFormatterSlots]
	prev := slot.last
	if prev.counter+1 == s.counter && prev.shardIndex == s.shardIndex &&
		prev.shardCreated == s.shardCreated && prev.arrival == s.arrival {
		addCounterStep(&slot.digits)
	} else if digits := s.appendDecimal(slot.digits[:0]); len(digits) != seqNumberWidth {
		// Every number this model issues has 56 digits; anything else
		// is written without being remembered.
		slot.last = SequenceNumber{}
		return append(dst, digits...)
	}
	slot.last = s
	return append(dst, slot.digits[:]...)
}

// addCounterStep adds counterStepDigits to a 56-digit decimal number in
// place. The sum has 56 digits too, because the counter never reaches the
// bits above it.
func addCounterStep(d *[seqNumberWidth]byte) {
	carry := byte(0)
	i := seqNumberWidth - 1
	for j := len(counterStepDigits) - 1; j >= 0; j-- {
		v := d[i] + counterStepDigits[j] - '0' + carry
		carry = 0
		if v > '9' {
			v -= 10
			carry = 1
		}
		d[i] = v
		i--
	}
	for ; carry != 0 && i >= 0; i-- {
		if d[i] == '9' {
			d[i] = '0'
		} else {
			d[i]++
			carry = 0
		}
	}
}
