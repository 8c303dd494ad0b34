/** What `switchyard help` (or no command, or `--help`) prints. */
export const HELP_TEXT = `switchyard: one command line for Ollama, Hugging Face Inference Providers, any OpenAI-compatible
endpoint and an embedded llama.cpp model, with automatic provider selection and failover.

Usage: switchyard <command> [arguments] [flags]

Commands
  chat <prompt>        stream a chat answer (the prompt may also come on standard input)
  complete <prompt>    stream a text completion
  embed <text>...      embed one or more texts
  image <prompt>       generate an image; writes the file and prints its path
  video <prompt>       generate a video; writes the file and prints its path
  models               list the models of each configured provider
  providers            each provider: reachable or not, latency, kind, where its credential came from
  doctor               check the Hugging Face token, token file permissions, and what auto would try
  usage [reset]        requests, tokens and cost recorded by earlier runs (or clear the record)
  help                 this text

Flags
  -p, --provider <p>   auto (default), one provider id (ollama, hf, openai, embedded),
                       or ids in failover order: ollama,embedded
  -m, --model <id>     the model; default: each provider's default for the task
  -s, --system <text>  a system message (chat)
      --json           print one JSON document (for chat: the final response with trace and cost)
  -t, --timeout <d>    give up after this long: 30, 30s, 500ms, 2m
      --max-tokens <n> at most this many tokens in the answer (chat, complete)
      --temperature <t> sampling temperature, 0 for greedy (chat, complete)
  -o, --out <path>     where to write the image or video (a file, or an existing folder)
  -h, --help           this text

Configuration (environment)
  OLLAMA_HOST                  the Ollama server (default http://127.0.0.1:11434)
  HF_TOKEN                     the Hugging Face token (or \`hf auth login\`); without one, hf is skipped
  OPENAI_BASE_URL              an OpenAI-compatible endpoint, e.g. http://localhost:8000/v1
  OPENAI_API_KEY, OPENAI_MODEL its key (optional) and default model
  SWITCHYARD_MODELS_DIR        folder of GGUF files for the embedded model (downloads land here)
  NO_COLOR                     no colours

Examples
  switchyard chat "Once upon a time"
  switchyard chat --provider ollama --model llama3.2 "Why is the sky blue?"
  switchyard chat --json --max-tokens 40 "Once upon a time" | jq .trace
  switchyard image --out lighthouse.png "A lighthouse at dawn"
`;
