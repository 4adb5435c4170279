using SimCse.Api.Contracts;
using SimCse.Core.Errors;

namespace SimCse.Api.Endpoints;

/// <summary>Checks that JSON binding cannot express (required fields, empty values), naming the field.</summary>
public static class RequestValidation
{
    public static IReadOnlyList<string> RequireTexts(TextInput? input, string field = "input")
    {
        if (input is null)
        {
            throw new InvalidInputException($"'{field}' is required: a string or an array of strings.");
        }
        if (input.TokenIds is not null)
        {
            throw new InvalidInputException($"'{field}' must be a string or an array of strings here; token ids are accepted by /v1/embeddings only.");
        }
        if (input.Texts.Count == 0)
        {
            throw new InvalidInputException($"'{field}' must not be an empty array.");
        }
        for (int i = 0; i < input.Texts.Count; i++)
        {
            RequireText(input.Texts[i], input.Texts.Count == 1 ? field : $"{field}[{i}]");
        }
        return input.Texts;
    }

    /// <summary>Token-id input (<c>int[]</c> / <c>int[][]</c>): at least one input, none of them empty.</summary>
    public static IReadOnlyList<int[]> RequireTokenIds(IReadOnlyList<int[]> inputs, string field = "input")
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
        {
            throw new InvalidInputException($"'{field}' must not be an empty array.");
        }
        for (int i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Length == 0)
            {
                throw new InvalidInputException($"'{(inputs.Count == 1 ? field : $"{field}[{i}]")}' must not be an empty array of token ids.");
            }
        }
        return inputs;
    }

    public static string RequireText(string? text, string field)
    {
        if (text is null)
        {
            throw new InvalidInputException($"'{field}' is required.");
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidInputException($"'{field}' must not be empty or whitespace only.");
        }
        return text;
    }

    public static void RequireModelId(string? model)
    {
        if (model is not null && string.IsNullOrWhiteSpace(model))
        {
            throw new InvalidInputException("'model' must not be empty; omit it to use the active model.");
        }
    }
}
