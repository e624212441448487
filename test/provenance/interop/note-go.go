// Command note-go is the independent implementation the signed-note interop
// test compares dataguard with: Go's golang.org/x/mod/sumdb/note. It reads a
// JSON array of requests on stdin and writes a JSON array of results.
//
// Requests (one object each, by "op"):
//
//	keygen {name, seed}        note.GenerateKey from a 32-byte hex seed: skey, vkey
//	vkey   {name, publicKey}   note.NewEd25519VerifierKey, then note.NewVerifier on it
//	sign   {skey, text}        note.NewSigner and note.Sign: the note
//	open   {note, vkeys}       note.NewVerifier for each key, then note.Open
//	spaces {}                  every rune for which unicode.IsSpace is true
package main

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"unicode"

	"golang.org/x/mod/sumdb/note"
)

type request struct {
	Op        string   `json:"op"`
	Name      string   `json:"name"`
	Seed      string   `json:"seed"`
	PublicKey string   `json:"publicKey"`
	Skey      string   `json:"skey"`
	Text      string   `json:"text"`
	Note      string   `json:"note"`
	Vkeys     []string `json:"vkeys"`
}

type result struct {
	Error    string   `json:"error,omitempty"`
	Skey     string   `json:"skey,omitempty"`
	Vkey     string   `json:"vkey,omitempty"`
	Valid    *bool    `json:"valid,omitempty"`
	Note     string   `json:"note,omitempty"`
	Text     *string  `json:"text,omitempty"`
	Verified []string `json:"verified,omitempty"`
	Spaces   []rune   `json:"spaces,omitempty"`
}

// openError names the failure of note.Open with dataguard's reason words.
func openError(err error) string {
	var unverified *note.UnverifiedNoteError
	var invalid *note.InvalidSignatureError
	switch {
	case errors.As(err, &unverified):
		return "no-known-signature"
	case errors.As(err, &invalid):
		return "bad-signature"
	case err.Error() == "malformed note":
		return "malformed-note"
	default:
		return "other: " + err.Error()
	}
}

func run(req request) result {
	switch req.Op {
	case "keygen":
		seed, err := hex.DecodeString(req.Seed)
		if err != nil || len(seed) != ed25519.SeedSize {
			return result{Error: "bad seed"}
		}
		skey, vkey, err := note.GenerateKey(bytes.NewReader(seed), req.Name)
		if err != nil {
			return result{Error: err.Error()}
		}
		return result{Skey: skey, Vkey: vkey}
	case "vkey":
		key, err := hex.DecodeString(req.PublicKey)
		if err != nil {
			return result{Error: "bad public key"}
		}
		vkey, err := note.NewEd25519VerifierKey(req.Name, key)
		if err != nil {
			return result{Error: err.Error()}
		}
		_, err = note.NewVerifier(vkey)
		valid := err == nil
		return result{Vkey: vkey, Valid: &valid}
	case "sign":
		signer, err := note.NewSigner(req.Skey)
		if err != nil {
			return result{Error: err.Error()}
		}
		msg, err := note.Sign(&note.Note{Text: req.Text}, signer)
		if err != nil {
			return result{Error: err.Error()}
		}
		return result{Note: string(msg)}
	case "open":
		verifiers := make([]note.Verifier, 0, len(req.Vkeys))
		for _, vkey := range req.Vkeys {
			verifier, err := note.NewVerifier(vkey)
			if err != nil {
				return result{Error: "verifier: " + err.Error()}
			}
			verifiers = append(verifiers, verifier)
		}
		opened, err := note.Open([]byte(req.Note), note.VerifierList(verifiers...))
		if err != nil {
			return result{Error: openError(err)}
		}
		names := make([]string, 0, len(opened.Sigs))
		for _, sig := range opened.Sigs {
			names = append(names, sig.Name)
		}
		return result{Text: &opened.Text, Verified: names}
	case "spaces":
		var spaces []rune
		for r := rune(0); r <= unicode.MaxRune; r++ {
			if unicode.IsSpace(r) {
				spaces = append(spaces, r)
			}
		}
		return result{Spaces: spaces}
	}
	return result{Error: "unknown op " + req.Op}
}

func main() {
	var reqs []request
	if err := json.NewDecoder(os.Stdin).Decode(&reqs); err != nil {
		os.Stderr.WriteString("note-go: bad request: " + err.Error() + "\n")
		os.Exit(2)
	}
	results := make([]result, len(reqs))
	for i, req := range reqs {
		results[i] = run(req)
	}
	if err := json.NewEncoder(os.Stdout).Encode(results); err != nil {
		os.Exit(1)
	}
}
