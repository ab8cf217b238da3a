package console

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/minikinesis/minikinesis"
)

// health is what GET api/health answers.
type health struct {
	Status   string
	Accounts []accountInfo
	// Clock is "manual" when the admin API can move it, "wall" otherwise
	// (per the default account).
	Clock string
	Now   time.Time
	// Operations are the names fault rules may scope to.
	Operations []string
}

type accountInfo struct {
	ID        string
	AccountID string
	Region    string
	Streams   int
}

func (c *Console) health(w http.ResponseWriter, r *http.Request) {
	h := health{Status: "ok", Accounts: []accountInfo{}, Clock: "wall", Now: time.Now().UTC(), Operations: minikinesis.Operations()}
	for i, id := range c.accounts.IDs() {
		k, ok := c.accounts.Lookup(id)
		if !ok {
			continue
		}
		h.Accounts = append(h.Accounts, accountInfo{ID: id, AccountID: k.AccountID(), Region: k.Region(), Streams: len(k.StreamNames())})
		if i == 0 {
			h.Now = k.Clock().Now().UTC()
			if c.manualClock(k) != nil {
				h.Clock = "manual"
			}
		}
	}
	writeJSON(w, http.StatusOK, h)
}

// clockState is what the clock endpoints answer.
type clockState struct {
	Now    time.Time
	Manual bool
}

// manualClock is the clock the admin API may move for k, or nil.
func (c *Console) manualClock(k *minikinesis.Kinesis) *minikinesis.ManualClock {
	if c.cfg.clock != nil {
		return c.cfg.clock
	}
	mc, _ := k.Clock().(*minikinesis.ManualClock)
	return mc
}

func (c *Console) getClock(w http.ResponseWriter, r *http.Request, k *minikinesis.Kinesis) error {
	writeJSON(w, http.StatusOK, clockState{Now: k.Clock().Now().UTC(), Manual: c.manualClock(k) != nil})
	return nil
}

// errClockNotManual answers clock changes on a wall clock.
var errClockNotManual = &apiError{status: http.StatusConflict, Code: "ClockNotManual",
	Message: "The server runs on the wall clock, which cannot be moved; start it with -clock manual (in Go: console.WithManualClock or an account made WithClock(minikinesis.NewManualClock(...)))."}

// clockChange is the body of clock/advance ({"By":"90s"}) and clock/set
// ({"To":"2026-01-02T15:04:05Z"}); the query parameters by= and to= do the
// same.
type clockChange struct {
	By string `json:",omitempty"`
	To string `json:",omitempty"`
}

func readClockChange(r *http.Request) (clockChange, error) {
	var ch clockChange
	q := r.URL.Query()
	ch.By, ch.To = q.Get("by"), q.Get("to")
	if ch.By == "" && ch.To == "" && r.ContentLength != 0 {
		if err := readJSON(r, &ch); err != nil {
			return ch, err
		}
	}
	return ch, nil
}

func (c *Console) advanceClock(w http.ResponseWriter, r *http.Request, k *minikinesis.Kinesis) error {
	mc := c.manualClock(k)
	if mc == nil {
		return errClockNotManual
	}
	ch, err := readClockChange(r)
	if err != nil {
		return err
	}
	d, err := time.ParseDuration(ch.By)
	if err != nil {
		return badRequest("By " + quote(ch.By) + " is not a duration; want e.g. 90s, 5m or 1h30m.")
	}
	writeJSON(w, http.StatusOK, clockState{Now: mc.Advance(d).UTC(), Manual: true})
	return nil
}

func (c *Console) setClock(w http.ResponseWriter, r *http.Request, k *minikinesis.Kinesis) error {
	mc := c.manualClock(k)
	if mc == nil {
		return errClockNotManual
	}
	ch, err := readClockChange(r)
	if err != nil {
		return err
	}
	t, err := time.Parse(time.RFC3339Nano, ch.To)
	if err != nil {
		return badRequest("To " + quote(ch.To) + " is not an RFC 3339 time; want e.g. 2026-01-02T15:04:05Z.")
	}
	mc.Set(t)
	writeJSON(w, http.StatusOK, clockState{Now: mc.Now().UTC(), Manual: true})
	return nil
}

func (c *Console) reset(w http.ResponseWriter, r *http.Request, k *minikinesis.Kinesis) error {
	k.Reset()
	c.faults.forget(k)
	writeJSON(w, http.StatusOK, map[string]string{"Status": "reset"})
	return nil
}

// downloadSnapshot answers the account's state (minikinesis.State) as a
// JSON file; POST snapshot takes it back.
func (c *Console) downloadSnapshot(w http.ResponseWriter, r *http.Request, k *minikinesis.Kinesis) error {
	st := k.ExportState()
	body, err := json.Marshal(st)
	if err != nil {
		return err
	}
	name := "minikinesis-" + k.AccountID() + "-" + k.Clock().Now().UTC().Format("20060102T150405Z") + ".json"
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	_, _ = w.Write(body)
	return nil
}

// restoreSnapshot replaces the account's streams with a downloaded
// snapshot's.
func (c *Console) restoreSnapshot(w http.ResponseWriter, r *http.Request, k *minikinesis.Kinesis) error {
	var st minikinesis.State
	if err := readJSON(r, &st); err != nil {
		return err
	}
	if err := k.ImportState(&st); err != nil {
		return badRequest(err.Error())
	}
	writeJSON(w, http.StatusOK, map[string]any{"Status": "restored", "Streams": k.StreamNames()})
	return nil
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
