package minikinesis

import (
	"encoding/binary"
	"math/bits"
)

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
// place, eight digits a step (see addDigitWords). The sum has 56 digits
// too, because the counter never reaches the bits above it.
func addCounterStep(d *[seqNumberWidth]byte) {
	var carry uint64
	for w := seqNumberWidth/8 - 1; w >= 0; w-- {
		step := counterStepWords[w]
		if step == 0 && carry == 0 {
			return
		}
		var sum uint64
		sum, carry = addDigitWords(binary.BigEndian.Uint64(d[w*8:])-asciiZeros, step, carry)
		binary.BigEndian.PutUint64(d[w*8:], sum+asciiZeros)
	}
}

// asciiZeros is eight '0's read as one word.
const asciiZeros = 0x3030303030303030

// counterStepWords is counterStepDigits, right-aligned in 56 digits, as
// seven words of eight digit values (0 to 9), most significant first.
var counterStepWords = func() (words [seqNumberWidth / 8]uint64) {
	var d [seqNumberWidth]byte
	copy(d[seqNumberWidth-len(counterStepDigits):], counterStepDigits)
	for w := range words {
		for _, c := range d[w*8 : w*8+8] {
			words[w] <<= 8
			if c != 0 {
				words[w] |= uint64(c - '0')
			}
		}
	}
	return words
}()

// addDigitWords adds two words of eight decimal digit values, a byte
// each with the most significant byte first, and a carry in; it answers
// the sum's digits and the carry out. Adding 0xF6 to every byte of a
// makes a byte whose digits sum to ten or more overflow into the next
// one, so the machine's binary carry is the decimal carry; the bytes that
// did not overflow then take their 0xF6 back.
func addDigitWords(a, b, carry uint64) (uint64, uint64) {
	const lowBits = 0x0101010101010101
	biased := a + 0xF6*lowBits // no byte overflows: each a byte is at most 9
	sum, carryOut := bits.Add64(biased, b, carry)
	carriesIn := biased ^ b ^ sum // bit 8k: the carry into byte k
	overflowed := (carriesIn>>8)&lowBits | carryOut<<56
	return sum - (^overflowed&lowBits)*0xF6, carryOut
}
