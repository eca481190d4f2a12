/// A LAPACK routine returned a non-zero `info`.
///
/// `info < 0` means argument −info was illegal, which is a bug in Skein and should be reported;
/// `info > 0` is the routine's own failure (no convergence, a singular matrix).
public struct LAPACKError: Error, Equatable, Sendable, CustomStringConvertible {
    public let routine: String
    public let info: Int32

    public init(routine: String, info: Int32) {
        self.routine = routine
        self.info = info
    }

    public var description: String {
        if info < 0 {
            return "\(routine): argument \(-info) had an illegal value (a bug in Skein; please report it)"
        }
        let base = routine.dropFirst()  // sgesdd / dgesdd → gesdd
        switch base {
        case "gesdd": return "\(routine): the SVD did not converge (info = \(info))"
        case "syevd": return "\(routine): the eigensolver did not converge (info = \(info))"
        case "gesv": return "\(routine): the matrix is singular: U(\(info),\(info)) is exactly zero"
        default: return "\(routine) failed with info = \(info)"
        }
    }
}

@usableFromInline
func checkLAPACK(_ routine: String, _ info: Int32) throws {
    if info != 0 { throw LAPACKError(routine: routine, info: info) }
}
