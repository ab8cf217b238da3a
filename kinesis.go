package minikinesis

import (
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"

	"github.com/minikinesis/minikinesis/internal/recordlog"
)

// recycledLogBytes is how much trimmed record memory an account keeps for
// reuse.
const recycledLogBytes = 64 << 20

// Kinesis is one AWS account in one region: a registry of streams by name
// and ARN, with the account's limits, clock and options. It is safe for
// concurrent use; two Kinesis values share nothing.
type Kinesis struct {
	cfg     config
	rates   controlRates
	sealKey []byte // seals iterators and NextTokens
	// logPool recycles the record memory the account's shards trim.
	logPool *recordlog.Pool
	faults  faultSet
	calls   callLog
	// account holds the account's settings and channels (op_accountsettings.go).
	account accountState

	mu         sync.RWMutex
	streams    map[string]*Stream
	openShards int // counted against cfg.shardLimit
}

// New returns an empty account configured by opts.
func New(opts ...Option) *Kinesis {
	cfg := defaultConfig()
	for _, opt := range opts {
		opt(&cfg)
	}
	k := &Kinesis{cfg: cfg, streams: make(map[string]*Stream), sealKey: newSealKey(), logPool: recordlog.NewPool(recycledLogBytes)}
	k.rates.init(cfg.controlRates)
	k.faults.rng = rand.New(rand.NewPCG(cfg.faultSeed, cfg.faultSeed^0x9e3779b97f4a7c15))
	k.calls.init(cfg.callLogSize)
	return k
}

// Clock returns the clock the model reads.
func (k *Kinesis) Clock() Clock { return k.cfg.clock }

// Region returns the account's region, as used in ARNs.
func (k *Kinesis) Region() string { return k.cfg.region }

// AccountID returns the account's 12-digit id, as used in ARNs and messages.
func (k *Kinesis) AccountID() string { return k.cfg.accountID }

// StreamARN returns the ARN a stream of this name has in this account.
func (k *Kinesis) StreamARN(name string) string {
	return "arn:aws:kinesis:" + k.cfg.region + ":" + k.cfg.accountID + ":stream/" + name
}

// streamNameFromARN returns the stream name an ARN names, and whether the
// ARN belongs to this account and region at all.
func (k *Kinesis) streamNameFromARN(arn string) (string, bool) {
	const marker = ":stream/"
	i := strings.LastIndex(arn, marker)
	if i < 0 {
		return "", false
	}
	name := arn[i+len(marker):]
	return name, arn == k.StreamARN(name)
}

// Stream returns the stream named by a stream name or a stream ARN.
func (k *Kinesis) Stream(nameOrARN string) (*Stream, error) {
	if strings.HasPrefix(nameOrARN, "arn:") {
		return k.resolve("", nameOrARN)
	}
	return k.resolve(nameOrARN, "")
}

// streamFor is the prologue every stream operation shares: the context, the
// StreamName/StreamARN members (reported after the operation's own
// violations, as AWS orders them), the control-plane rate, and the lookup.
func (k *Kinesis) streamFor(ctx context.Context, op, name, arn string, v violations) (*Stream, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	v.checkStreamRef(name, arn)
	if err := v.errFor(membersOf(ctx)); err != nil {
		return nil, err
	}
	s, err := k.resolve(name, arn)
	if err != nil {
		return nil, err
	}
	if err := k.rates.allow(k.cfg.clock.Now(), op, s.name, k.cfg.accountID); err != nil {
		return nil, err
	}
	return s, nil
}

// resolve finds the stream a request names by StreamName, StreamARN or both,
// as every AWS operation accepts either.
func (k *Kinesis) resolve(name, arn string) (*Stream, error) {
	if name == "" && arn == "" {
		return nil, emptyStreamIdentifier()
	}
	if arn != "" {
		arnName, ours := k.streamNameFromARN(arn)
		if name != "" && name != arnName {
			return nil, streamNameARNMismatch(name, arn)
		}
		if !ours {
			return nil, streamNotFound(arnName, k.cfg.accountID)
		}
		name = arnName
	}
	k.mu.RLock()
	s := k.streams[name]
	k.mu.RUnlock()
	if s == nil || s.Status() == "" {
		k.purge(s)
		return nil, streamNotFound(name, k.cfg.accountID)
	}
	return s, nil
}

// purge drops a stream whose deletion has completed from the registry.
func (k *Kinesis) purge(s *Stream) {
	if s == nil {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.streams[s.name] == s {
		delete(k.streams, s.name)
	}
}

// liveStreams returns the streams not yet gone, in name order, purging the
// ones whose deletion has completed.
func (k *Kinesis) liveStreams() []*Stream {
	k.mu.RLock()
	all := make([]*Stream, 0, len(k.streams))
	for _, s := range k.streams {
		all = append(all, s)
	}
	k.mu.RUnlock()
	live := all[:0]
	for _, s := range all {
		if s.Status() == "" {
			k.purge(s)
			continue
		}
		live = append(live, s)
	}
	slices.SortFunc(live, func(a, b *Stream) int { return strings.Compare(a.name, b.name) })
	return live
}

// StreamNames lists the account's streams in name order.
func (k *Kinesis) StreamNames() []string {
	live := k.liveStreams()
	names := make([]string, len(live))
	for i, s := range live {
		names[i] = s.name
	}
	return names
}
