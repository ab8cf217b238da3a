package minikinesis

// deleteConsumersLocked drops the stream's registered consumers when
// enforce is set; without it, a stream that has consumers cannot be
// deleted. Caller holds s.mu.
func (s *Stream) deleteConsumersLocked(enforce bool) error {
	if len(s.consumers) == 0 {
		return nil
	}
	if !enforce {
		return &ResourceInUseException{Message: "Stream " + s.name + " under account " + s.k.cfg.accountID + " has registered consumers. Deregister them first, or delete the stream with EnforceConsumerDeletion."}
	}
	clear(s.consumers)
	return nil
}

// consumer is an enhanced fan-out consumer registered on a stream.
type consumer struct {
	name string
	arn  string
}
