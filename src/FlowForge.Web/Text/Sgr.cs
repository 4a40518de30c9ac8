namespace FlowForge.Web.Text;

/// <summary>Select Graphic Rendition: the <c>ESC [ … m</c> codes that set colours and weight.</summary>
internal static class Sgr
{
    /// <param name="parameters">The codes between <c>ESC [</c> and <c>m</c>, separated by ';' (or ':' in the newer form).</param>
    public static AnsiStyle Apply(ReadOnlySpan<char> parameters, AnsiStyle style)
    {
        Span<int> codes = stackalloc int[16];
        var count = Read(parameters, codes);
        if (count == 0)
        {
            return default;
        }

        for (var k = 0; k < count; k++)
        {
            var code = codes[k];
            switch (code)
            {
                case 0:
                    style = default;
                    break;
                case 1:
                    style = style with { Bold = true };
                    break;
                case 22:
                    style = style with { Bold = false };
                    break;
                case (>= 30 and <= 37) or (>= 90 and <= 97):
                    style = style with { Foreground = code };
                    break;
                case 39:
                    style = style with { Foreground = 0 };
                    break;
                case (>= 40 and <= 47) or (>= 100 and <= 107):
                    style = style with { Background = code };
                    break;
                case 49:
                    style = style with { Background = 0 };
                    break;
                case 38 or 48:
                    // Extended colours carry their own arguments, which must not be read as codes (5 is "blink").
                    var (colour, used) = Extended(codes[(k + 1)..count]);
                    style = code == 38 ? style with { Foreground = colour } : style with { Background = colour == 0 ? 0 : colour + 10 };
                    k += used;
                    break;
                default:
                    // Italic, underline, blink and the rest are not shown; the text stays.
                    break;
            }
        }

        return style;
    }

    /// <returns>The foreground code for the colour (0 when it is not one of the 16 basic ones) and how many arguments it took.</returns>
    private static (int Colour, int Used) Extended(ReadOnlySpan<int> arguments)
    {
        if (arguments.Length >= 2 && arguments[0] == 5)
        {
            var index = arguments[1];
            var colour = index switch
            {
                < 8 => 30 + index,
                < 16 => 90 + index - 8,
                _ => 0,
            };
            return (colour, 2);
        }

        if (arguments.Length >= 1 && arguments[0] == 2)
        {
            // True colour: shown in the default colour rather than guessed at.
            return (0, Math.Min(4, arguments.Length));
        }

        return (0, 0);
    }

    private static int Read(ReadOnlySpan<char> parameters, Span<int> codes)
    {
        if (parameters.IsEmpty)
        {
            return 0;
        }

        var count = 0;
        var value = 0;
        foreach (var c in parameters)
        {
            if (c is ';' or ':')
            {
                if (count == codes.Length)
                {
                    return count;
                }

                codes[count++] = value;
                value = 0;
            }
            else if (c is >= '0' and <= '9')
            {
                value = Math.Min(value * 10 + (c - '0'), 9999);
            }
            else
            {
                // Private parameters ('?', '<', ...) make it some other sequence: change nothing.
                return -1;
            }
        }

        if (count < codes.Length)
        {
            codes[count++] = value;
        }

        return count;
    }
}
