import Foundation

/// A Jupyter notebook in nbformat 4.5: markdown and code cells, no outputs (they appear when the
/// notebook is run). Cell ids are numbered, so the same export is the same bytes.
public struct Notebook: Sendable {
    public enum Cell: Sendable {
        case markdown(String)
        case code(String)
    }

    public var cells: [Cell] = []

    public init(cells: [Cell] = []) { self.cells = cells }

    public mutating func markdown(_ text: String) { cells.append(.markdown(text)) }
    public mutating func code(_ text: String) { cells.append(.code(text)) }

    /// The .ipynb JSON (key-sorted, indented one space as Jupyter writes it).
    public func json() throws -> Data {
        func lines(_ text: String) -> [String] {
            let parts = text.components(separatedBy: "\n")
            return parts.enumerated().map { $0.offset < parts.count - 1 ? $0.element + "\n" : $0.element }.filter { !$0.isEmpty }
        }
        let cells: [[String: Any]] = cells.enumerated().map { i, cell in
            switch cell {
            case let .markdown(text):
                return ["cell_type": "markdown", "id": "cell-\(i + 1)", "metadata": [String: Any](), "source": lines(text)]
            case let .code(text):
                return ["cell_type": "code", "id": "cell-\(i + 1)", "metadata": [String: Any](), "source": lines(text),
                        "execution_count": NSNull(), "outputs": [Any]()]
            }
        }
        let notebook: [String: Any] = [
            "cells": cells,
            "metadata": [
                "kernelspec": ["display_name": "Python 3", "language": "python", "name": "python3"],
                "language_info": ["name": "python"],
            ],
            "nbformat": 4,
            "nbformat_minor": 5,
        ]
        var data = try JSONSerialization.data(withJSONObject: notebook, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        data.append(0x0A)
        return data
    }

    /// A Python string literal (repr-style, double quotes) for any text, including untrusted text.
    public static func pythonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { out += String(format: "\\x%02x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    /// A Python list of strings.
    public static func pythonList(_ items: [String]) -> String { "[" + items.map(pythonString).joined(separator: ", ") + "]" }
}
