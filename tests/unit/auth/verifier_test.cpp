int unused_verifier;
