using System.Text;

namespace Workflows.UnitTests.Architecture;

/// <summary>
/// Splits C# source into code and string literals: comments (doc comments included) and literal text are blanked in
/// the code (line breaks kept, so positions keep their line), and each literal is returned with its line. Handles
/// regular, verbatim, interpolated (holes are code, their nested literals are literals) and raw literals, and char
/// literals. Not a compiler: enough to tell code from text in this repository's sources.
/// </summary>
internal sealed class SourceLexer
{
    private readonly string _text;
    private readonly StringBuilder _code;
    private readonly List<SourceLiteral> _literals = [];
    private int _i;

    private SourceLexer(string text)
    {
        _text = text;
        _code = new StringBuilder(text.Length);
    }

    /// <summary>The code of <paramref name="text"/> with comments and literal text blanked, and its literals in order of appearance.</summary>
    public static (string Code, IReadOnlyList<SourceLiteral> Literals) LexCSharp(string text)
    {
        var lexer = new SourceLexer(text);
        lexer.Code(stopAtHoleEnd: false);
        return (lexer._code.ToString(), lexer._literals.OrderBy(l => l.Line).ToList());
    }

    private char At(int offset) => _i + offset < _text.Length ? _text[_i + offset] : '\0';

    private void Keep() => _code.Append(_text[_i++]);

    private void Blank(int count = 1)
    {
        for (var k = 0; k < count && _i < _text.Length; k++, _i++) _code.Append(_text[_i] == '\n' ? '\n' : ' ');
    }

    private int Line => _text.AsSpan(0, _i).Count('\n') + 1;

    private void Code(bool stopAtHoleEnd)
    {
        var depth = 0;
        while (_i < _text.Length)
        {
            var c = _text[_i];
            if (c == '/' && At(1) == '/')
            {
                while (_i < _text.Length && _text[_i] != '\n') Blank();
            }
            else if (c == '/' && At(1) == '*')
            {
                Blank(2);
                while (_i < _text.Length && !(_text[_i] == '*' && At(1) == '/')) Blank();
                Blank(2);
            }
            else if (c == '\'')
            {
                Blank();
                while (_i < _text.Length && _text[_i] != '\'' && _text[_i] != '\n')
                {
                    if (_text[_i] == '\\') Blank();
                    Blank();
                }
                Blank();
            }
            else if (StringStart() is { } start)
            {
                String(start.Dollars, start.Verbatim, start.PrefixLength);
            }
            else if (c == '{')
            {
                depth++;
                Keep();
            }
            else if (c == '}')
            {
                if (depth == 0 && stopAtHoleEnd) return;
                depth--;
                Keep();
            }
            else
            {
                Keep();
            }
        }
    }

    private (int Dollars, bool Verbatim, int PrefixLength)? StringStart()
    {
        var j = _i;
        var dollars = 0;
        var verbatim = false;
        while (j < _text.Length && (_text[j] == '$' || _text[j] == '@'))
        {
            if (_text[j] == '$') dollars++;
            else verbatim = true;
            j++;
        }
        if (j >= _text.Length || _text[j] != '"') return null;
        return (dollars, verbatim, j - _i);
    }

    private void String(int dollars, bool verbatim, int prefixLength)
    {
        var line = Line;
        Blank(prefixLength);
        var quotes = 0;
        while (At(quotes) == '"') quotes++;
        var value = new StringBuilder();
        if (quotes >= 3)
        {
            Blank(quotes);
            Raw(quotes, Math.Max(dollars, 1), dollars > 0, value);
        }
        else if (quotes == 2 && !verbatim && dollars == 0)
        {
            Blank(2);
        }
        else
        {
            Blank();
            Quoted(verbatim, dollars > 0, value);
        }
        _literals.Add(new SourceLiteral(line, value.ToString()));
    }

    private void Quoted(bool verbatim, bool interpolated, StringBuilder value)
    {
        while (_i < _text.Length)
        {
            var c = _text[_i];
            if (verbatim && c == '"' && At(1) == '"') { value.Append('"'); Blank(2); }
            else if (c == '"') { Blank(); return; }
            else if (!verbatim && c == '\\') { value.Append(At(1)); Blank(2); }
            else if (interpolated && c == '{' && At(1) == '{') { value.Append('{'); Blank(2); }
            else if (interpolated && c == '}' && At(1) == '}') { value.Append('}'); Blank(2); }
            else if (interpolated && c == '{') { Hole(1, value); }
            else if (!verbatim && c == '\n') return;
            else { value.Append(c); Blank(); }
        }
    }

    private void Raw(int quotes, int braces, bool interpolated, StringBuilder value)
    {
        while (_i < _text.Length)
        {
            var run = 0;
            while (At(run) == '"') run++;
            if (run >= quotes) { Blank(run); return; }
            if (interpolated && _text[_i] == '{')
            {
                var open = 0;
                while (At(open) == '{') open++;
                if (open >= braces)
                {
                    value.Append('{', open - braces);
                    Blank(open - braces);
                    Hole(braces, value);
                    continue;
                }
            }
            value.Append(_text[_i]);
            Blank();
        }
    }

    private void Hole(int braces, StringBuilder value)
    {
        value.Append("{…}");
        Blank(braces);
        Code(stopAtHoleEnd: true);
        for (var k = 0; k < braces && _i < _text.Length && _text[_i] == '}'; k++) Blank();
    }
}
