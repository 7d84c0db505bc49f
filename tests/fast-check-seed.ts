// Property tests run with one fixed seed, so CI is repeatable; FC_SEED=<n> (or FC_SEED=random) explores others.
// fast-check prints the seed and path of any counterexample, which reproduces it exactly.
import fc from "fast-check";

const raw = process.env.FC_SEED;
if (raw !== "random") fc.configureGlobal({ seed: raw ? Number(raw) : 20261127 });
