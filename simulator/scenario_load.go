package simulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Load reads a scenario file: JSON when its name ends in .json, YAML
// otherwise. Unknown fields are errors, so a typo never passes silently.
func Load(path string) (Scenario, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Scenario{}, err
	}
	format := "yaml"
	if strings.EqualFold(filepath.Ext(path), ".json") {
		format = "json"
	}
	sc, err := Parse(data, format)
	if err != nil {
		return Scenario{}, fmt.Errorf("%s: %w", path, err)
	}
	return sc, nil
}

// Parse decodes a scenario written in format "json" or "yaml" and checks
// it; a *ScenarioError says which field is wrong.
func Parse(data []byte, format string) (Scenario, error) {
	var sc Scenario
	switch format {
	case "json":
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&sc); err != nil {
			return Scenario{}, fmt.Errorf("scenario: %w", err)
		}
	case "yaml":
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		if err := dec.Decode(&sc); err != nil && !errors.Is(err, io.EOF) {
			return Scenario{}, fmt.Errorf("scenario: %w", err)
		}
	default:
		return Scenario{}, fmt.Errorf("scenario: format %q is neither json nor yaml", format)
	}
	if _, err := sc.normalized(); err != nil {
		return Scenario{}, err
	}
	return sc, nil
}

// Check reports the first thing wrong with the scenario as a
// *ScenarioError, or nil.
func (sc Scenario) Check() error {
	_, err := sc.normalized()
	return err
}
