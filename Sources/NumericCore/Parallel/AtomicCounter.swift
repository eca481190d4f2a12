import Synchronization

/// A shared work counter for `Parallel`'s workers: each call hands out the next index once.
final class AtomicCounter: Sendable {
    private let value = Atomic<Int>(0)

    func next() -> Int {
        value.wrappingAdd(1, ordering: .relaxed).oldValue
    }
}
