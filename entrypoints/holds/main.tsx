import { render } from 'preact';
import { Holds } from './Holds';
import '../../assets/ui.css';

render(<Holds />, document.getElementById('app')!);
