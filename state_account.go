package minikinesis

import (
	"maps"
	"slices"
	"time"
)

// AccountState is an account's own state in a State: its minimum
// throughput billing commitment and its channels.
type AccountState struct {
	Commitment CommitmentState `json:",omitzero"`
	// Channels are the live channels, in name order.
	Channels []ChannelState `json:",omitempty"`
}

// CommitmentState is an account's minimum throughput billing commitment:
// its status as last set (a pending end takes effect at EarliestEnd) and
// its times; the zero value is one never enabled.
type CommitmentState struct {
	Status      CommitmentStatus `json:",omitempty"`
	Started     time.Time        `json:",omitzero"`
	Ended       time.Time        `json:",omitzero"`
	EarliestEnd time.Time        `json:",omitzero"`
}

// WarmThroughputState is a stream's warm throughput in a StreamState: the
// value set, the one before, and when the stream has scaled to it.
type WarmThroughputState struct {
	TargetMiBps   int
	PreviousMiBps int       `json:",omitempty"`
	ScaledAt      time.Time `json:",omitzero"`
}

func (w warmThroughput) export() *WarmThroughputState {
	if w == (warmThroughput{}) {
		return nil
	}
	return &WarmThroughputState{TargetMiBps: w.target, PreviousMiBps: w.previous, ScaledAt: w.scaledAt}
}

func (w *WarmThroughputState) warm() warmThroughput {
	if w == nil {
		return warmThroughput{}
	}
	return warmThroughput{target: w.TargetMiBps, previous: w.PreviousMiBps, scaledAt: w.ScaledAt}
}

// exportAccount takes the account's own state at now; nil when it has no
// commitment ever enabled and no channels.
func (k *Kinesis) exportAccount(now time.Time) *AccountState {
	k.account.mu.Lock()
	defer k.account.mu.Unlock()
	c := k.account.commitment
	st := &AccountState{Commitment: CommitmentState{Status: c.status, Started: c.started, Ended: c.ended, EarliestEnd: c.earliestEnded}}
	for _, ch := range k.liveChannelsLocked(now) {
		st.Channels = append(st.Channels, ch.clone())
	}
	if st.Commitment == (CommitmentState{}) && len(st.Channels) == 0 {
		return nil
	}
	return st
}

// importAccount installs an account state (nil: none), replacing the
// account's own.
func (k *Kinesis) importAccount(st *AccountState) {
	k.account.mu.Lock()
	defer k.account.mu.Unlock()
	k.account.commitment = commitment{}
	k.account.channels = nil
	if st == nil {
		return
	}
	c := st.Commitment
	k.account.commitment = commitment{status: c.Status, started: c.Started, ended: c.Ended, earliestEnded: c.EarliestEnd}
	k.account.channels = make(map[string]*ChannelState, len(st.Channels))
	for i := range st.Channels {
		ch := st.Channels[i].clone()
		k.account.channels[ch.Name] = &ch
	}
}

// shifted is the account's own state with every time it holds
// moved by shift, for Snapshot and Restore.
func (st *AccountState) shifted(shift time.Duration) *AccountState {
	if st == nil {
		return nil
	}
	out := st.clone()
	c := &out.Commitment
	c.Started, c.Ended, c.EarliestEnd = shiftTime(c.Started, shift), shiftTime(c.Ended, shift), shiftTime(c.EarliestEnd, shift)
	for i := range out.Channels {
		ch := &out.Channels[i]
		ch.Created, ch.SettleAt, ch.StreamCreated = shiftTime(ch.Created, shift), shiftTime(ch.SettleAt, shift), shiftTime(ch.StreamCreated, shift)
	}
	return out
}

// orNil is st, or nil when it holds nothing (as ExportState says it).
func (st *AccountState) orNil() *AccountState {
	if st == nil || (st.Commitment == (CommitmentState{}) && len(st.Channels) == 0) {
		return nil
	}
	return st
}

// clone deep-copies an account state; nil stays nil.
func (st *AccountState) clone() *AccountState {
	if st == nil {
		return nil
	}
	out := &AccountState{Commitment: st.Commitment, Channels: make([]ChannelState, len(st.Channels))}
	for i := range st.Channels {
		out.Channels[i] = st.Channels[i].clone()
	}
	if len(out.Channels) == 0 {
		out.Channels = nil
	}
	return out
}

// clone deep-copies a channel.
func (c *ChannelState) clone() ChannelState {
	out := *c
	out.Logging = *copyLogs(c.Logging)
	if c.Encryption != nil {
		e := *c.Encryption
		out.Encryption = &e
	}
	if c.S3 != nil {
		s3 := *c.S3
		out.S3 = &s3
	}
	if c.S3Tables != nil {
		t := *c.S3Tables
		t.S3TablesConfigurationList = cloneTables(t.S3TablesConfigurationList)
		out.S3Tables = &t
	}
	out.Tags = maps.Clone(c.Tags)
	return out
}

// validateAccount checks what the account relies on of its own state.
func validateAccount(st *AccountState) error {
	if st == nil {
		return nil
	}
	fail := func(reason string) error { return &StateError{Shard: -1, Reason: reason} }
	switch st.Commitment.Status {
	case "", CommitmentEnabled, CommitmentDisabled, CommitmentEnabledUntilEarliestAllowedEnd:
	default:
		return fail("unknown commitment status " + string(st.Commitment.Status))
	}
	seen := map[string]bool{}
	statuses := []ChannelStatus{ChannelStatusCreating, ChannelStatusActive, ChannelStatusUpdating, ChannelStatusDeleting, ChannelStatusFailed}
	for _, ch := range st.Channels {
		switch {
		case ch.Name == "":
			return fail("a channel has no name")
		case seen[ch.Name]:
			return fail("channel " + ch.Name + " given twice")
		case !slices.Contains(statuses, ch.Status):
			return fail("channel " + ch.Name + " has unknown status " + string(ch.Status))
		case (ch.S3 == nil) == (ch.S3Tables == nil):
			return fail("channel " + ch.Name + " needs exactly one destination")
		}
		seen[ch.Name] = true
	}
	return nil
}

// changeAccount runs a change of the account's own state and, when it
// succeeds and the account has an observer, reports the account as it now
// is, with writes paused throughout.
func changeAccount[Out any](k *Kinesis, run func() (Out, error)) (Out, error) {
	f := k.cfg.feed
	if f == nil {
		return run()
	}
	f.pause.Lock()
	defer f.pause.Unlock()
	out, err := run()
	if err == nil {
		acc := k.exportAccount(k.cfg.clock.Now())
		if acc == nil {
			acc = &AccountState{}
		}
		f.observe(Change{Kind: ChangeAccount, Account: acc})
	}
	return out, err
}
