"""The app's generator, bit for bit: values printed by src/util/rng.ts for these seeds
(the parity test checks whole steps' permutations against the running app too)."""
import unittest

from collapselab.rng import EpochBatcher, Rng


class RngTest(unittest.TestCase):
    def test_stream_matches_the_app(self):
        r = Rng(12345)
        self.assertEqual([r.next(), r.next(), r.next()], [0.8787191782612354, 0.17502158135175705, 0.6962701235897839])
        self.assertEqual(r.permutation(10).tolist(), [5, 2, 3, 0, 1, 4, 6, 9, 8, 7])
        self.assertAlmostEqual(float(r.normal_n(1)[0]), -0.5725197695656525, places=12)
        self.assertEqual(r.fork().next(), 0.9286808597389609)
        # A seed past 2^32 wraps as JS `seed | 0` does (the trainer's seed * 104729 + 3).
        self.assertEqual(Rng(2147483647 * 104729 + 3).next(), 0.045007777167484164)

    def test_batches_are_full_and_epochs_complete(self):
        b = EpochBatcher(10, Rng(1))
        seen = [b.next(4).tolist() for _ in range(5)]
        self.assertTrue(all(len(s) == 4 and len(set(s)) == 4 for s in seen))
        first_epoch = seen[0] + seen[1] + seen[2][:2]
        self.assertEqual(sorted(first_epoch), list(range(10)))


if __name__ == "__main__":
    unittest.main()
